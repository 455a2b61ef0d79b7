"""Sync with the province: wire format, HTTP client, the push/pull session and the worker."""
