"""All conformance cases, gathered from the per-topic modules."""
from cases_language import CASES as LANGUAGE
from cases_structure import CASES as STRUCTURE
from cases_filters import CASES as FILTERS
from cases_tests_escaping import CASES as TESTS_ESCAPING
from cases_errors import CASES as ERRORS
from cases_more import CASES as MORE

CASES = LANGUAGE + STRUCTURE + FILTERS + TESTS_ESCAPING + ERRORS + MORE
