"""The office-LAN link of the queue (issue 17): the host serves its queue over HTTP
(:mod:`.server`), the other counters call it (:mod:`.client`); both speak :mod:`.wire`.
Qt-free."""
