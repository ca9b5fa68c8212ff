"""Helpers to declare conformance cases tersely."""


def make(collection):
    def case(id, source, context=None, html=False, **kw):
        entry = {"id": id, "source": source, "context": context or {}}
        if html:
            entry["name_of_main"] = "main.html"
        if "options" in kw:
            entry["options"] = kw.pop("options")
        if "templates" in kw:
            entry["templates"] = kw.pop("templates")
        if "check" in kw:
            entry["check"] = kw.pop("check")
        assert not kw, kw
        collection.append(entry)

    def multi(id, templates, main, context=None, **kw):
        entry = {"id": id, "templates": templates, "main": main, "context": context or {}}
        entry.update(kw)
        collection.append(entry)

    return case, multi
