"""The administrator's services (Qt-free): only admins, never the last admin disabled."""

from __future__ import annotations

import pytest

from desk_app.clock import FixedClock
from desk_app.errors import KnownError, ValidationError
from desk_app.services import clerk_admin
from desk_app.store.engine import Store
from desk_app.store.models import Clerk

ADMIN, LEADER, CLERK = 1, 2, 3


def test_only_an_admin_may(store: Store, clock: FixedClock) -> None:
    with pytest.raises(KnownError) as info, store.write() as s:
        clerk_admin.add_clerk(s, clock, LEADER, "moi", "Người Mới", "mat-khau-123", "clerk")
    assert info.value.code == "forbidden"
    with pytest.raises(KnownError) as info, store.write() as s:
        clerk_admin.set_idle_lock(s, clock, CLERK, 60)
    assert info.value.code == "forbidden"


def test_an_admin_cannot_lock_themselves_out(store: Store, clock: FixedClock) -> None:
    with pytest.raises(KnownError) as info, store.write() as s:
        clerk_admin.set_active(s, clock, ADMIN, ADMIN, False)
    assert info.value.code == "cannot_disable_self"
    with store.write() as s:
        second_id = clerk_admin.add_clerk(s, clock, ADMIN, "admin2", "Quản Trị Hai",
                                          "mat-khau-123", "admin").id
    with store.write() as s:
        clerk_admin.set_active(s, clock, second_id, ADMIN, False)
    with pytest.raises(KnownError) as info, store.write() as s:
        clerk_admin.set_active(s, clock, second_id, second_id, False)
    assert info.value.code == "cannot_disable_self"
    with pytest.raises(KnownError) as info, store.write() as s:  # a disabled admin can't act
        clerk_admin.set_active(s, clock, ADMIN, second_id, False)
    assert info.value.code == "clerk_not_found"
    with store.read() as s:
        assert not s.get(Clerk, ADMIN).active and s.get(Clerk, second_id).active


def test_idle_lock_range(store: Store, clock: FixedClock) -> None:
    with pytest.raises(ValidationError), store.write() as s:
        clerk_admin.set_idle_lock(s, clock, ADMIN, -5)
