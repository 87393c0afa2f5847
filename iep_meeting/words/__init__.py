"""The one vocabulary: the words for every value a plan holds, and the small
pieces of English texts are built with. The lowest layer: it imports nothing
else of the program, so the model, the store, documents and the app all use it.
"""
