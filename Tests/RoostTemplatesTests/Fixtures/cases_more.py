"""Subtler semantics: scoping, Markup corner cases, number printing, inheritance details."""
from casehelpers import make

CASES = []
case, multi = make(CASES)

# numbers
case("num-print-range", "{{ 1e16 }} {{ 1.5e-7 }} {{ 123456789012345678.0 }} {{ -0.0 }} {{ 1e100 }} {{ 10/3 }} {{ 2**62 }} {{ -7 // 2.0 }} {{ 1e308 * 10 }} {{ 0.1 * 3 }}")
case("num-int-ops", "{{ 7 // -2 }} {{ -7 % -3 }} {{ 2 ** 0 }} {{ 0 ** 0 }} {{ 5 % 1.5 }} {{ 9 ** 0.5 }} {{ 8 ** (1/3) }}")
case("num-comparisons", "{{ 1 == 1.0 == true }} {{ 0.1 + 0.2 == 0.3 }} {{ 3 > 2.5 }} {{ none == 0 }} {{ [] == () }}")
case("num-float-filter-print", "{{ 3|float }} {{ '1e-10'|float }} {{ 100000000000000000|float }} {{ 0.1|float * 3 }}")
case("num-round-print", "{{ 3.14159|round(3) }} {{ 1234.5678|round(-2) }} {{ 1e20|round }} {{ 0.0001|round(3) }}")
case("num-sum-floats", "{{ [0.1, 0.2, 0.3]|sum }} {{ [1, 2.0]|sum }}")

# undefined behaviours
case("undef-ops", "{{ x|length }} {{ x|list }} {{ x is none }} {{ x == x }} {{ x == none }} {{ 'a' in x }} [{{ x|upper }}] [{{ x ~ 'y' }}]")
case("undef-attr-defined", "{{ d.x is defined }} {{ d['x'] is defined }} {{ d.x is undefined }}", {"d": {}})
case("undef-for-attr", "{% for a in d.items_missing %}x{% else %}empty{% endfor %}", {"d": {}})
case("undef-default-chain", "{{ d.a|default(d.b)|default('c') }}", {"d": {}})
case("undef-if-compare", "{% if x > 1 %}y{% endif %}", check="error-type")
case("undef-none-compare", "{{ none < 1 }}")

# macro details
case("macro-default-uses-param", "{% macro m(a, b=a * 2) %}{{ a }},{{ b }}{% endmacro %}{{ m(3) }} {{ m(3, 1) }}")
case("macro-default-uses-context", "{% macro m(a=x) %}{{ a }}{% endmacro %}{{ m() }}", {"x": "ctx"})
case("macro-kwargs-only", "{% macro m() %}{{ kwargs|dictsort }}{% endmacro %}{{ m(b=2, a=1) }}")
case("macro-varargs-loop", "{% macro m() %}{% for v in varargs %}[{{ v }}]{% endfor %}{% endmacro %}{{ m(1, 'two', none) }}")
case("macro-caller-default-args", "{% macro m() %}{{ caller() }}|{{ caller('x') }}{% endmacro %}{% call(a='dflt') m() %}{{ a }}{% endcall %}")
case("macro-nested-call", "{% macro outer() %}<o>{{ caller() }}</o>{% endmacro %}{% macro inner() %}<i>{{ caller() }}</i>{% endmacro %}{% call outer() %}{% call inner() %}x{% endcall %}{% endcall %}")
case("macro-call-block-sees-outer", "{% macro m() %}{{ caller() }}{% endmacro %}{% for i in [1, 2] %}{% call m() %}{{ i }}{% endcall %}{% endfor %}")
case("macro-self-recursive-list", "{% macro tree(items) %}<ul>{% for i in items %}<li>{{ i.n }}{% if i.c %}{{ tree(i.c) }}{% endif %}</li>{% endfor %}</ul>{% endmacro %}{{ tree(t) }}",
     {"t": [{"n": "a", "c": [{"n": "b"}]}, {"n": "c"}]})
case("macro-in-if", "{% if true %}{% macro m() %}M{% endmacro %}{% endif %}{{ m() }}")
case("macro-returns-string-nonhtml", "{% macro m() %}<b>{% endmacro %}{{ m() ~ '<' }}")
case("macro-print-object", "{% macro m() %}{% endmacro %}{{ m }}")
case("macro-set-inside", "{% set x = 1 %}{% macro m() %}{% set x = 2 %}{{ x }}{% endmacro %}{{ m() }}{{ x }}")
case("macro-kwarg-for-param", "{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ m(b=1, a=2) }}")
case("caller-in-loop-of-macro", "{% macro each(items) %}{% for x in items %}{{ caller(x) }}{% if not loop.last %},{% endif %}{% endfor %}{% endmacro %}{% call(v) each([1, 2, 3]) %}<{{ v * 10 }}>{% endcall %}")

# loop details
case("loop-changed-multi", "{% for a, b in [(1, 1), (1, 1), (1, 2), (2, 2)] %}{{ loop.changed(a, b)|int }}{% endfor %}")
case("loop-cycle-nested", "{% for a in [1, 2] %}{% for b in [1, 2, 3] %}{{ loop.cycle('x', 'y') }}{% endfor %}|{% endfor %}")
case("loop-outer-reference", "{% for row in [[1, 2], [3]] %}{% set r = loop.index %}{% for c in row %}{{ r }}.{{ loop.index }}={{ c }} {% endfor %}{% endfor %}")
case("loop-recursive-else", "{% for i in t recursive %}{{ i.n }}({% if i.c is defined %}{{ loop(i.c) }}{% endif %}){% else %}E{% endfor %}", {"t": [{"n": 1, "c": []}, {"n": 2}]})
case("loop-recursive-length", "{% for i in t recursive %}{{ loop.depth }}/{{ loop.length }}/{{ loop.index }}{% if i.c %}[{{ loop(i.c) }}]{% endif %} {% endfor %}", {"t": [{"c": [{}, {}]}, {}]})
case("loop-filter-uses-outer", "{% set lim = 2 %}{% for x in [1, 2, 3] if x > lim %}{{ x }}{% endfor %}")
case("loop-unpack-dict-items", "{% for k, v in {'a': 1, 'b': 2}.items() %}{{ loop.index }}{{ k }}{{ v }}{% endfor %}")
case("loop-set-in-body-visible-next", "{% for x in [1, 2, 3] %}{% if not loop.first %}{{ prev }}>{% endif %}{% set prev = x %}{% endfor %}")
case("loop-over-tuple-string-list", "{% for x in (1, 2) %}{{ x }}{% endfor %}{% for x in ['a'] %}{{ x }}{% endfor %}")
case("loop-var-in-else", "{% for x in [] %}{% else %}[{{ x }}]{% endfor %}", {"x": "outer"})
case("loop-index-after", "{% for x in [1] %}{% endfor %}[{{ loop }}]")
case("loop-previtem-first", "{% for x in [1, 2] %}{{ loop.previtem is defined }}{{ loop.nextitem is defined }} {% endfor %}")
case("loop-nested-same-var", "{% for x in [1, 2] %}{% for x in ['a'] %}{{ x }}{% endfor %}{{ x }}{% endfor %}")
case("loop-length-filter-list", "{% for x in 'abcd'|list if x != 'b' %}{{ loop.revindex }}{{ x }}{% endfor %}")

# scoping
case("scope-if-elif-store", "{% if false %}{% set x = 1 %}{% elif true %}{% set x = 2 %}{% endif %}{{ x }}", {"x": 0})
case("scope-with-in-loop", "{% for i in [1, 2] %}{% with j = i * 10 %}{{ j }}{% endwith %}{% endfor %}[{{ j }}]")
case("scope-set-block-in-loop", "{% for i in [1, 2] %}{% set s %}<{{ i }}>{% endset %}{{ s }}{% endfor %}[{{ s }}]")
case("scope-namespace-in-macro", "{% set ns = namespace(v=0) %}{% macro bump() %}{% set ns.v = ns.v + 1 %}{% endmacro %}{{ bump() }}{{ bump() }}{{ ns.v }}")
case("scope-toplevel-underscore", "{% set _x = 1 %}{{ _x }}")
case("scope-shadow-context", "{{ x }}{% set x = 'local' %}{{ x }}", {"x": "ctx"})
case("scope-import-in-loop", "{% for i in [1] %}{% set y = i %}{% endfor %}{{ y }}")

# inheritance details
multi("inh-super-nested-blocks", {
    "base.txt": "{% block outer %}O1{% block inner %}I1{% endblock %}O2{% endblock %}",
    "child.txt": "{% extends 'base.txt' %}{% block inner %}<{{ super() }}>{% endblock %}",
    "grand.txt": "{% extends 'child.txt' %}{% block outer %}[{{ super() }}]{% endblock %}",
}, "grand.txt")
multi("inh-self-in-child", {"base.txt": "{% block t %}base{% endblock %}:{% block u %}{% endblock %}", "child.txt": "{% extends 'base.txt' %}{% block t %}child{% endblock %}{% block u %}{{ self.t() }}{% endblock %}"}, "child.txt")
multi("inh-block-in-loop-parent", {"base.txt": "{% for i in [1, 2] %}{% block item scoped %}{{ i }}{% endblock %}{% endfor %}", "child.txt": "{% extends 'base.txt' %}{% block item %}<{{ i }}|{{ super() }}>{% endblock %}"}, "child.txt")
multi("inh-child-macro-import", {"m.txt": "{% macro b() %}B{% endmacro %}", "base.txt": "{% block x %}{% endblock %}", "child.txt": "{% extends 'base.txt' %}{% import 'm.txt' as m %}{% block x %}{{ m.b() }}{% endblock %}"}, "child.txt")
multi("inh-block-uses-context", {"base.txt": "{% block a %}{{ v }}{% endblock %}", "child.txt": "{% extends 'base.txt' %}"}, "child.txt", {"v": "ctx"})
multi("inh-extends-variable-template-set", {"base.txt": "<{% block a %}{% endblock %}>", "child.txt": "{% set layout = 'base.txt' %}{% extends layout %}{% block a %}A{% endblock %}"}, "child.txt")
multi("inh-html-escape-in-blocks", {"base.html": "{% block a %}{% endblock %}", "child.html": "{% extends 'base.html' %}{% block a %}{{ v }}{{ super() }}{% endblock %}"}, "child.html", {"v": "<x>"})
multi("inh-include-inside-block", {"base.txt": "{% block a %}{% endblock %}", "inc.txt": "inc:{{ v }}", "child.txt": "{% extends 'base.txt' %}{% block a %}{% set v = 'block-local' %}{% include 'inc.txt' %}{% endblock %}"}, "child.txt")
multi("inh-empty-child", {"base.txt": "base {{ 1 + 1 }}", "child.txt": "{% extends 'base.txt' %}"}, "child.txt")
multi("inh-extends-after-output", {"base.txt": "B", "child.txt": "pre\n{% extends 'base.txt' %}\npost"}, "child.txt")

# include / import details
multi("inc-in-macro", {"main.txt": "{% macro m(x) %}{% include 'p.txt' %}{% endmacro %}{{ m('arg') }}", "p.txt": "[{{ x }}]"}, "main.txt")
multi("inc-ignore-missing-list", {"main.txt": "a{% include ['x.txt', 'y.txt'] ignore missing %}b"}, "main.txt")
multi("inc-with-context-explicit", {"main.txt": "{% set v = 1 %}{% include 'p.txt' with context %}", "p.txt": "{{ v }}"}, "main.txt")
multi("inc-blocks-in-included", {"main.txt": "{% include 'p.txt' %}", "p.txt": "{% block b %}inc-block{% endblock %}"}, "main.txt")
multi("inc-extends-in-included", {"main.txt": "[{% include 'child.txt' %}]", "base.txt": "<{% block x %}{% endblock %}>", "child.txt": "{% extends 'base.txt' %}{% block x %}X{% endblock %}"}, "main.txt")
multi("imp-from-with-context-loop", {"m.txt": "{% macro show() %}{{ item }}{% endmacro %}", "main.txt": "{% for item in [1, 2] %}{% from 'm.txt' import show with context %}{{ show() }}{% endfor %}"}, "main.txt")
multi("imp-caller-across", {"m.txt": "{% macro box() %}[{{ caller() }}]{% endmacro %}", "main.txt": "{% import 'm.txt' as m %}{% call m.box() %}in{% endcall %}"}, "main.txt")
multi("imp-module-missing-attr", {"m.txt": "", "main.txt": "{% import 'm.txt' as m %}[{{ m.nothing }}]"}, "main.txt")
multi("imp-autoescape-macro", {"m.html": "{% macro b(x) %}<b>{{ x }}</b>{% endmacro %}", "main.txt": "{% import 'm.html' as m %}{{ m.b('<i>') }}"}, "main.txt")
multi("imp-twice-same-module", {"m.txt": "{% set c = cycler(1, 2) %}", "main.txt": "{% import 'm.txt' as a %}{% import 'm.txt' as b %}{{ a.c.next() }}{{ b.c.next() }}"}, "main.txt")

# markup corner cases (autoescape on)
case("mk-title-capitalize", "{{ v|title }}|{{ v|capitalize }}|{{ v|safe|title }}|{{ v|safe|capitalize }}", {"v": "<b>hi there</b>"}, html=True)
case("mk-trim-center-truncate", "{{ ' <x> '|safe|trim }}|{{ '<x>'|safe|center(7) }}|{{ '<b>long text here</b>'|safe|truncate(10) }}", html=True)
case("mk-list-reverse-first", "{{ v|safe|list }}|{{ v|safe|reverse }}|{{ v|safe|first }}|{{ v|first }}", {"v": "<a"}, html=True)
case("mk-string-filter", "{{ v|safe|string }}{{ v|string }}", {"v": "<"}, html=True)
case("mk-urlize-autoescape", "{{ 'see <http://a.b/c?d=e&f> now'|urlize }}", html=True)
case("mk-join-nonmarkup-sep", "{{ [a, b]|join('<br>') }}|{{ [a|safe, b]|join('<br>') }}", {"a": "<i>", "b": "&"}, html=True)
case("mk-format-methods", "{{ ('<p>%s</p>'|safe) % '<x>' }}|{{ ('%(a)s'|safe) % {'a': '<'} }}", html=True)
case("mk-concat-number", "{{ lt|safe ~ 1 ~ lt }}", {"lt": "<"}, html=True)
case("mk-set-filter-block", "{% set x | upper %}<b>{{ '<i>' }}</b>{% endset %}{{ x }}", html=True)
case("mk-autoescape-false-in-html", "{% autoescape false %}{{ '<a>' }}{{ '<a>'|e }}{{ ['<']|join }}{% endautoescape %}", html=True)
case("mk-dict-repr-escaped", "{{ {'<': '>'} }}", html=True)
case("mk-tojson-in-attr", "<div data-x='{{ d|tojson }}'></div>", {"d": {"q": "it's <b>"}}, html=True)
case("mk-markup-equality", "{{ '<a>'|safe == '<a>' }} {{ ('a'|safe) in ['a'] }}", html=True)
case("mk-striptags-entities", "{{ '<p>A&nbsp;B &lt;c&gt; &amp;amp; &#8364; &euro;</p>'|striptags }}")
case("mk-wordwrap-long", "{{ 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.'|wordwrap(20) }}")
case("mk-wordwrap-hyphens", "{{ 'a well-known twenty-first-century phenomenon'|wordwrap(12) }}|{{ 'a well-known phenomenon'|wordwrap(8, break_on_hyphens=false) }}")
case("mk-indent-blank-first", "{{ 'a\\n\\nb\\n'|indent(2, true, true) }}|")
case("mk-pprint-long", "{{ d|pprint }}", {"d": {"key_%d" % i: list(range(i)) for i in range(8)}})
case("mk-pprint-list-long", "{{ l|pprint }}", {"l": ["item number %d" % i for i in range(8)]})

# python methods more
case("py-str-misc", "{{ 'a-b-c'.split('-', 1) }} {{ 'Hello'.startswith('He', 0) }} {{ 'abc'.index('c') }} {{ 'AbC'.casefold() }} {{ 'x'.isidentifier() }} {{ 'ab\\tc'.expandtabs(4) }}")
case("py-dict-items-loop", "{% for k, v in d.items()|sort %}{{ k }}{{ v }}{% endfor %} {{ d.keys()|list|length }} {{ d.get('z', 0) + 1 }}", {"d": {"b": 2, "a": 1}})
case("py-format-spec", "{{ '{:>8.3f}|{:<6}|{:^7}|{:*^9}|{:08.2f}|{:.1%}|{:e}|{:g}'.format(3.14159, 'ab', 'mid', 'c', -1.5, 0.256, 1234.5, 0.00001) }}")
case("py-format-nested", "{{ '{0[0]}-{0[1]}-{1[a]}'.format(['x', 'y'], {'a': 'z'}) }} {{ '{!r}'.format('q') }}")
case("py-percent-dict-width", "{{ '%(n)5d|%(s)-4s|' % {'n': 42, 's': 'ab'} }}{{ '%c%c' % (65, 'b') }}{{ '%+.1e' % 12345 }}")
