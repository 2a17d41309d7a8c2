"""Router of the inspect family (filled in by its own change)."""

from fastapi import APIRouter

from service.wire.json import OrjsonRoute

router = APIRouter(route_class=OrjsonRoute)
