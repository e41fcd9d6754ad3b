def find_direct(doc):
    return []
