def resolve_entities(doc, attributions):
    return [], {}, {}
