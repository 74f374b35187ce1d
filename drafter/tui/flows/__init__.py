"""The main screen's multi-step flows, one module each.

Each flow is a coroutine that the main screen runs as a worker; it asks its questions with
``await app.push_screen_wait(dialog)`` and goes on with the answer:

- :mod:`.startup`: what happens after the file is opened (lock, import report, drafts)
- :mod:`.lock`: the lock on the ärende file and the prompt when another drafter has it
- :mod:`.recovery`: recovery drafts (autosave, offer to restore, discard)
- :mod:`.save`: saving (file name, comments, file changed on disk, overwrite)
- :mod:`.export`: exporting Markdown to a file the user picks
- :mod:`.quit`: quitting (asks about unsaved changes)
"""
