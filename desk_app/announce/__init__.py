"""Calling a queue ticket aloud (issue 17): a chime, then the number spoken in Vietnamese.

Qt-free: :mod:`.chime` makes the two-tone chime with the standard library, :mod:`.voice` runs
espeak-ng (which has a Vietnamese voice) and plays the sound through what the system has. The
GUI calls :func:`desk_app.announce.voice.Announcer.announce` on a worker lane: it blocks for the
length of the sound, never raises for a missing voice or sound card, and says what happened.
"""
