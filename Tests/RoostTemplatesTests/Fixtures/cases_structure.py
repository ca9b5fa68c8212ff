"""Statements: if, for, set, with, macros, call blocks, inheritance, includes, imports, globals."""
from casehelpers import make

CASES = []
case, multi = make(CASES)

# --- if ----------------------------------------------------------------------------------------
case("if-basic", "{% if x %}yes{% endif %}|{% if not x %}no{% endif %}", {"x": True})
case("if-elif-else", "{% for n in [1, 2, 3, 4] %}{% if n == 1 %}one{% elif n == 2 %}two{% elif n == 3 %}three{% else %}many{% endif %},{% endfor %}")
case("if-undefined", "{% if missing %}yes{% else %}no{% endif %}")
case("if-nested", "{% if a %}{% if b %}ab{% else %}a{% endif %}{% endif %}", {"a": 1, "b": 0})
case("if-tuple-test", "{% if 1, 2 %}tuple is truthy{% endif %}")

# --- for -----------------------------------------------------------------------------------
case("for-basic", "{% for i in [1, 2, 3] %}{{ i }}{% endfor %}")
case("for-else", "{% for i in [] %}{{ i }}{% else %}empty{% endfor %}|{% for i in missing %}x{% else %}undef{% endfor %}")
case("for-dict", "{% for k in d %}{{ k }}{% endfor %} {% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", {"d": {"b": 1, "a": 2}})
case("for-string", "{% for c in 'héllo' %}[{{ c }}]{% endfor %}")
case("for-unpack", "{% for a, b in [(1, 2), (3, 4)] %}{{ a }}{{ b }} {% endfor %}{% for (a, b), c in [((1, 2), 3)] %}{{ a }}{{ b }}{{ c }}{% endfor %}")
case("for-loop-vars", "{% for x in 'abc' %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}|{% endfor %}")
case("for-loop-cycle", "{% for x in range(5) %}{{ loop.cycle('odd', 'even') }} {% endfor %}")
case("for-loop-prev-next", "{% for x in [1, 2, 3] %}({{ loop.previtem }},{{ loop.nextitem }}){% endfor %}")
case("for-loop-changed", "{% for x in [1, 1, 2, 2, 3, 1] %}{% if loop.changed(x) %}{{ x }}{% endif %}{% endfor %}")
case("for-loop-depth", "{% for x in [1] %}{{ loop.depth }}{{ loop.depth0 }}{% for y in [1] %}{{ loop.depth }}{% endfor %}{% endfor %}")
case("for-filtered", "{% for x in range(10) if x is odd %}{{ x }}{{ loop.index }}{{ loop.length }} {% endfor %}")
case("for-filtered-else", "{% for x in [1, 2] if x > 5 %}{{ x }}{% else %}none{% endfor %}")
case("for-nested-loop", "{% for a in [1, 2] %}{% set outer = loop %}{% for b in 'xy' %}{{ outer.index }}{{ loop.index }}{{ a }}{{ b }} {% endfor %}{% endfor %}")
case("for-recursive", "{% for item in tree recursive %}<{{ item.name }}{% if item.children %}:{{ loop(item.children) }}{% endif %}>{% endfor %}",
     {"tree": [{"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}, {"name": "d"}]}, {"name": "e"}]})
case("for-recursive-depth", "{% for item in tree recursive %}{{ loop.depth }}{{ item.n }}{% if item.c %}[{{ loop(item.c) }}]{% endif %}{% endfor %}",
     {"tree": [{"n": "a", "c": [{"n": "b", "c": [{"n": "c"}]}]}, {"n": "d"}]})
case("for-scope", "{% set x = 1 %}{% for i in [1, 2] %}{{ x }}{% set x = 2 %}{{ x }}{% endfor %}{{ x }}")
case("for-scope-later-set", "{% for i in [1] %}[{{ x }}]{% endfor %}{% set x = 5 %}{{ x }}", {"x": 1})
case("for-var-leak", "{% for i in [1, 2] %}{% endfor %}{{ i }}", {"i": 9})
case("for-loop-in-if", "{% for x in [1, 2, 3] %}{% if loop.last %}last{{ x }}{% endif %}{% endfor %}")
case("for-range", "{% for i in range(3) %}{{ i }}{% endfor %} {% for i in range(1, 10, 3) %}{{ i }}{% endfor %} {% for i in range(5, 0, -2) %}{{ i }}{% endfor %}")
case("for-loop-object", "{% for x in [1, 2] %}{{ loop }}{% endfor %}")

# --- set, with, namespace -------------------------------------------------------------------
case("set-basic", "{% set x = 5 %}{{ x }} {% set a, b = 1, 2 %}{{ a }}{{ b }} {% set t = 1, 2 %}{{ t }}")
case("set-block", "{% set block %}Hello {{ name }}{% endset %}[{{ block }}]", {"name": "x"})
case("set-block-filter", "{% set text | upper | replace('L', '_') %}hello{% endset %}{{ text }}")
case("set-in-if", "{% if true %}{% set y = 3 %}{% endif %}{{ y }}")
case("set-if-branches", "{% if true %}{{ x }}{% set x = 2 %}{{ x }}{% else %}{{ x }}{% set x = 3 %}{% endif %}{{ x }}", {"x": 1})
case("set-if-false", "{% if false %}{% set x = 2 %}{% endif %}{{ x }}", {"x": 1})
case("with-basic", "{% with a = 1, b = 2 %}{{ a }}{{ b }}{% endwith %}[{{ a }}]")
case("with-outer-values", "{% set a = 5 %}{% with a = 1, b = a %}{{ a }}{{ b }}{% endwith %}{{ a }}")
case("with-set-inside", "{% with %}{% set x = 1 %}{{ x }}{% endwith %}[{{ x }}]")
case("namespace", "{% set ns = namespace(found=false, count=0) %}{% for i in [1, 2, 3] %}{% set ns.count = ns.count + i %}{% if i == 2 %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.found }} {{ ns.count }}")
case("namespace-dict-init", "{% set ns = namespace({'a': 1}, b=2) %}{{ ns.a }}{{ ns.b }}")
case("namespace-print", "{% set ns = namespace(a=1) %}{{ ns }}")

# --- macros ----------------------------------------------------------------------------------
case("macro-basic", "{% macro hello(name) %}Hello {{ name }}!{% endmacro %}{{ hello('World') }}")
case("macro-defaults", "{% macro m(a, b=2, c='x') %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(1) }} {{ m(1, 3) }} {{ m(1, c='z') }} {{ m(a=0) }}")
case("macro-missing-arg", "{% macro m(a, b) %}[{{ a }}][{{ b }}]{% endmacro %}{{ m(1) }}")
case("macro-varargs-kwargs", "{% macro m(a) %}{{ a }}|{{ varargs }}|{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, x=4) }}")
case("macro-caller", "{% macro wrap() %}<div>{{ caller() }}</div>{% endmacro %}{% call wrap() %}inside{% endcall %}")
case("macro-caller-args", "{% macro list(items) %}{% for i in items %}{{ caller(i, loop.index) }}{% endfor %}{% endmacro %}{% call(item, n) list(['a', 'b']) %}{{ n }}:{{ item }} {% endcall %}")
case("macro-recursive", "{% macro fact(n) %}{% if n <= 1 %}1{% else %}{{ n * fact(n - 1)|int }}{% endif %}{% endmacro %}{{ fact(5) }}")
case("macro-late-binding", "{% set x = 1 %}{% macro m() %}{{ x }}{% endmacro %}{% set x = 2 %}{{ m() }}")
case("macro-context-var", "{% macro m() %}{{ x }}{% endmacro %}{{ m() }}{% set x = 2 %}{{ m() }}", {"x": 5})
case("macro-attributes", "{% macro m(a, b=1) %}{{ varargs }}{% endmacro %}{{ m.name }} {{ m.arguments }} {{ m.catch_varargs }} {{ m.catch_kwargs }} {{ m.caller }}")
case("macro-in-loop", "{% for i in [1, 2] %}{% macro m() %}{{ i }}{% endmacro %}{{ m() }}{% endfor %}")
case("macro-returns-markup", "{% macro m() %}<b>{% endmacro %}{{ m() }}{{ m() ~ '<' }}{{ m()|upper }}", html=True)
case("macro-output-filter", "{% macro m(x) %} {{ x }} {% endmacro %}[{{ m('a')|trim }}]")
case("call-block-method", "{% macro m() %}{{ caller() }}{{ caller() }}{% endmacro %}{% call m() %}x{% endcall %}")
case("caller-undefined", "{% macro m() %}[{{ caller }}]{% endmacro %}{{ m() }}")

# --- inheritance -----------------------------------------------------------------------------
BASE = "<title>{% block title %}Base{% endblock %}</title>\n<body>{% block body %}base body{% endblock %}</body>"
multi("extends-basic", {"base.html": BASE, "child.html": "{% extends 'base.html' %}{% block title %}Child{% endblock %}"}, "child.html")
multi("extends-super", {"base.html": BASE, "child.html": "{% extends 'base.html' %}{% block body %}[{{ super() }}] child{% endblock %}"}, "child.html")
multi("extends-three-levels", {
    "a.txt": "A({% block x %}a{% endblock %})",
    "b.txt": "{% extends 'a.txt' %}{% block x %}b<{{ super() }}>{% endblock %}",
    "c.txt": "{% extends 'b.txt' %}{% block x %}c<{{ super() }}>{% endblock %}",
}, "c.txt")
multi("extends-text-outside-blocks", {"base.txt": "B{% block a %}{% endblock %}B", "child.txt": "before{% extends 'base.txt' %}ignored{% block a %}X{% endblock %}ignored"}, "child.txt")
multi("extends-dynamic", {"one.txt": "one:{% block b %}{% endblock %}", "two.txt": "two:{% block b %}{% endblock %}", "child.txt": "{% extends layout %}{% block b %}B{% endblock %}"}, "child.txt", {"layout": "two.txt"})
multi("extends-conditional", {"one.txt": "one:{% block b %}{% endblock %}", "child.txt": "{% if use %}{% extends 'one.txt' %}{% endif %}{% block b %}B{% endblock %}"}, "child.txt", {"use": False})
multi("extends-set-visible", {"base.txt": "{% block a %}{{ title }}{% endblock %}", "child.txt": "{% extends 'base.txt' %}{% set title = 'from child' %}"}, "child.txt")
multi("blocks-nested", {"base.txt": "{% block outer %}O[{% block inner %}i{% endblock %}]{% endblock %}", "child.txt": "{% extends 'base.txt' %}{% block inner %}I{% endblock %}"}, "child.txt")
multi("blocks-self", {"page.txt": "{% block title %}T{% endblock %}|{{ self.title() }}|{{ self.title() }}"}, "page.txt")
case("block-scoped", "{% for i in [1, 2] %}{% block b scoped %}{{ i }}{% endblock %}{% endfor %}")
case("block-not-scoped", "{% for i in [1, 2] %}{% block b %}[{{ i }}]{% endblock %}{% endfor %}")
multi("block-required-overridden", {"base.txt": "{% block r required %}{% endblock %}!", "child.txt": "{% extends 'base.txt' %}{% block r %}R{% endblock %}"}, "child.txt")
multi("super-missing", {"base.txt": "{% block a %}{{ super() }}{% endblock %}"}, "base.txt", check="error-type")
multi("block-endblock-name", {"t.txt": "{% block named %}x{% endblock named %}"}, "t.txt")
multi("extends-macro-in-child", {"base.txt": "{% block a %}{% endblock %}", "child.txt": "{% extends 'base.txt' %}{% macro m() %}M{% endmacro %}{% block a %}{{ m() }}{% endblock %}"}, "child.txt")

# --- include -------------------------------------------------------------------------------
multi("include-basic", {"main.txt": "[{% include 'part.txt' %}]", "part.txt": "part {{ x }}"}, "main.txt", {"x": 1})
multi("include-loop-vars", {"main.txt": "{% set y = 'Y' %}{% for a in [1, 2] %}{% include 'part.txt' %}{% endfor %}", "part.txt": "<{{ a }}{{ y }}>"}, "main.txt")
multi("include-loop-object", {"main.txt": "{% for a in [1, 2] %}{{ loop.index }}{% include 'part.txt' %}{% endfor %}", "part.txt": "<{{ loop.index }}>"}, "main.txt")
multi("include-no-loop-object", {"main.txt": "{% for a in [1, 2] %}{% include 'part.txt' %}{% endfor %}", "part.txt": "<{{ loop.index }}>"}, "main.txt")
multi("include-without-context", {"main.txt": "{% set y = 1 %}[{% include 'part.txt' without context %}]", "part.txt": "{{ y }}{{ x }}"}, "main.txt", {"x": 2})
multi("include-ignore-missing", {"main.txt": "a{% include 'nope.txt' ignore missing %}b"}, "main.txt")
multi("include-list", {"main.txt": "{% include ['nope.txt', 'second.txt', 'third.txt'] %}", "second.txt": "second", "third.txt": "third"}, "main.txt")
multi("include-set-no-leak", {"main.txt": "{% include 'part.txt' %}[{{ z }}]", "part.txt": "{% set z = 1 %}{{ z }}"}, "main.txt")
multi("include-dynamic", {"main.txt": "{% include name %}", "p.txt": "P"}, "main.txt", {"name": "p.txt"})
multi("include-autoescape-mix", {"main.html": "{% include 'raw.txt' %}|{{ v }}", "raw.txt": "{{ v }}"}, "main.html", {"v": "<i>"})

# --- import --------------------------------------------------------------------------------
MACROS = "{% macro hello(n) %}Hello {{ n }}{% endmacro %}{% set version = 2 %}{% set _private = 1 %}{% macro ctx() %}[{{ x }}]{% endmacro %}"
multi("import-as", {"m.txt": MACROS, "main.txt": "{% import 'm.txt' as m %}{{ m.hello('a') }} {{ m.version }} [{{ m._private }}]"}, "main.txt")
multi("from-import", {"m.txt": MACROS, "main.txt": "{% from 'm.txt' import hello, version as v %}{{ hello('b') }} {{ v }}"}, "main.txt")
multi("import-without-context", {"m.txt": MACROS, "main.txt": "{% import 'm.txt' as m %}{{ m.ctx() }}"}, "main.txt", {"x": "X"})
multi("import-with-context", {"m.txt": MACROS, "main.txt": "{% import 'm.txt' as m with context %}{{ m.ctx() }}"}, "main.txt", {"x": "X"})
multi("from-import-missing-name", {"m.txt": MACROS, "main.txt": "{% from 'm.txt' import nothing %}[{{ nothing }}]"}, "main.txt")
multi("from-import-missing-name-use", {"m.txt": MACROS, "main.txt": "{% from 'm.txt' import nothing %}{{ nothing() }}"}, "main.txt")
multi("import-module-print", {"m.txt": "body text{% set a = 1 %}", "main.txt": "{% import 'm.txt' as m %}[{{ m }}]"}, "main.txt")

# --- globals ------------------------------------------------------------------------------
case("global-range", "{{ range(3)|list }} {{ range(2, 5)|list }} {{ range(10, 0, -3)|list }} {{ range(0)|list }} {{ range(3) }}")
case("global-dict", "{{ dict(a=1, b=2) }} {{ dict() }}")
case("global-cycler", "{% set c = cycler('a', 'b', 'c') %}{{ c.next() }}{{ c.next() }}{{ c.current }}{{ c.next() }}{{ c.next() }}{% set _ = c.reset() %}{{ c.next() }}")
case("global-joiner", "{% set j = joiner(' | ') %}{% for x in [1, 2, 3] %}{{ j() }}{{ x }}{% endfor %}")
case("global-joiner-default", "{% set j = joiner() %}{% for x in 'ab' %}{{ j() }}{{ x }}{% endfor %}")
case("global-lipsum-type", "{{ lipsum(2, html=false) is string }} {{ lipsum(1) is string }} {{ (lipsum(1) | wordcount) >= 1 }}")
