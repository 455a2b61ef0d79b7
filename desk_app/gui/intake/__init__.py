"""The intake (tiếp nhận) screen: procedure picker, checklist, applicant, three outcomes."""
