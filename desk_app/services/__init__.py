"""Clerk actions as plain functions ``fn(session, clock, ...) -> result``; no Qt.

Every write also appends to the outbox in the same transaction. Callers own the session and
its transaction (``Store.write()``).
"""
