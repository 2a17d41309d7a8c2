from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.step_request import StepRequest
from ...models.step_response import StepResponse
from ...types import Response


def _get_kwargs(
    name: str,
    *,
    body: StepRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/optimizers/{name}/step".format(
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | StepResponse | None:
    if response.status_code == 200:
        response_200 = StepResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | StepResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: StepRequest,
) -> Response[Problem | StepResponse]:
    """One stateless optimizer step

     Apply one update of `name` to `params` with `grads` and return the new params, the
    new state and statistics. Semantics, defaults and the order of operations follow
    `torch.optim` (single-tensor path); feeding the returned state back reproduces the
    torch trajectory step after step (float64: to ≈1e-15 relative; lion and lamb follow
    optax). Order inside a step: regularization → clipping → schedule → the optimizer's
    rule (maximize, its own weight decay, the update).

    Float32 parameters (b64/flat with dtype float32, or `dtype: float32`) are computed and
    returned in float32. Response tensors take the form of the first tensor of `params`
    unless `encoding` is set. A `state` that does not fit the optimizer, the names or the
    shapes is a 422 — never silently reinitialised.

    Args:
        name (str): Optimizer name or alias; see GET /v1/optimizers. Canonical names: sgd, adam,
            adamw, adamax, nadam, radam, adagrad, rmsprop, adadelta, rprop, asgd, adafactor, lion,
            lamb.
        body (StepRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StepResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: StepRequest,
) -> Problem | StepResponse | None:
    """One stateless optimizer step

     Apply one update of `name` to `params` with `grads` and return the new params, the
    new state and statistics. Semantics, defaults and the order of operations follow
    `torch.optim` (single-tensor path); feeding the returned state back reproduces the
    torch trajectory step after step (float64: to ≈1e-15 relative; lion and lamb follow
    optax). Order inside a step: regularization → clipping → schedule → the optimizer's
    rule (maximize, its own weight decay, the update).

    Float32 parameters (b64/flat with dtype float32, or `dtype: float32`) are computed and
    returned in float32. Response tensors take the form of the first tensor of `params`
    unless `encoding` is set. A `state` that does not fit the optimizer, the names or the
    shapes is a 422 — never silently reinitialised.

    Args:
        name (str): Optimizer name or alias; see GET /v1/optimizers. Canonical names: sgd, adam,
            adamw, adamax, nadam, radam, adagrad, rmsprop, adadelta, rprop, asgd, adafactor, lion,
            lamb.
        body (StepRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StepResponse
    """

    return sync_detailed(
        name=name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: StepRequest,
) -> Response[Problem | StepResponse]:
    """One stateless optimizer step

     Apply one update of `name` to `params` with `grads` and return the new params, the
    new state and statistics. Semantics, defaults and the order of operations follow
    `torch.optim` (single-tensor path); feeding the returned state back reproduces the
    torch trajectory step after step (float64: to ≈1e-15 relative; lion and lamb follow
    optax). Order inside a step: regularization → clipping → schedule → the optimizer's
    rule (maximize, its own weight decay, the update).

    Float32 parameters (b64/flat with dtype float32, or `dtype: float32`) are computed and
    returned in float32. Response tensors take the form of the first tensor of `params`
    unless `encoding` is set. A `state` that does not fit the optimizer, the names or the
    shapes is a 422 — never silently reinitialised.

    Args:
        name (str): Optimizer name or alias; see GET /v1/optimizers. Canonical names: sgd, adam,
            adamw, adamax, nadam, radam, adagrad, rmsprop, adadelta, rprop, asgd, adafactor, lion,
            lamb.
        body (StepRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StepResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: StepRequest,
) -> Problem | StepResponse | None:
    """One stateless optimizer step

     Apply one update of `name` to `params` with `grads` and return the new params, the
    new state and statistics. Semantics, defaults and the order of operations follow
    `torch.optim` (single-tensor path); feeding the returned state back reproduces the
    torch trajectory step after step (float64: to ≈1e-15 relative; lion and lamb follow
    optax). Order inside a step: regularization → clipping → schedule → the optimizer's
    rule (maximize, its own weight decay, the update).

    Float32 parameters (b64/flat with dtype float32, or `dtype: float32`) are computed and
    returned in float32. Response tensors take the form of the first tensor of `params`
    unless `encoding` is set. A `state` that does not fit the optimizer, the names or the
    shapes is a 422 — never silently reinitialised.

    Args:
        name (str): Optimizer name or alias; see GET /v1/optimizers. Canonical names: sgd, adam,
            adamw, adamax, nadam, radam, adagrad, rmsprop, adadelta, rprop, asgd, adafactor, lion,
            lamb.
        body (StepRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StepResponse
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            body=body,
        )
    ).parsed
