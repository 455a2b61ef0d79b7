"""One module per form (01-07); :mod:`.common` holds the pieces they share."""
