"""The baseline for request throughput: a bare FastAPI app returning a constant dict."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/constant")
def constant() -> dict[str, object]:
    return {"value": [0.5] * 16, "derivative": [0.25] * 16}
