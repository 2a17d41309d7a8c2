from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.network_request import NetworkRequest
from ...models.network_response import NetworkResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: NetworkRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/networks/gradients",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NetworkResponse | Problem | None:
    if response.status_code == 200:
        response_200 = NetworkResponse.from_dict(response.json())

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
) -> Response[NetworkResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: NetworkRequest,
) -> Response[NetworkResponse | Problem]:
    """Loss, gradients and gradient health of your own sequential network

     One forward and backward pass of `layers` on `x` with your weights, as torch autograd
    computes it (float64 unless `dtype` is float32): `dense` (torch.nn.Linear, y = x Wᵀ + b),
    `activation` (any catalog activation along the last axis), `layer_norm`
    (torch.nn.LayerNorm), `batch_norm` (torch.nn.BatchNorm1d in training mode: batch mean and
    biased variance; a batch of 1 is a 422 as torch raises) and `dropout` (your 0/1 mask,
    scaled by 1/(1 − p)), then the catalog `loss` with all its options.

    Per layer: the gradients of its weights, ‖dL/d its input‖, the statistics and verdict of
    POST /v1/inspect/stats for each gradient, and for dense layers the weight-gradient norm
    relative to the last dense layer's; overall `verdict` and `first_bad_layer` as
    gradient-flow. With `optimizer`, one step of that optimizer on {layer: {weight, bias}}
    (torch.optim semantics): the updated `params` and `state` (send it back next time).

    Errors name the field, e.g. `["body", "layers", 2, "weight"]` for a weight that does not
    fit the width reaching layer 2. Limits: GRADSERVE_MAX_NETWORK_LAYERS, _WIDTH, _BATCH and
    _WORK (multiply-adds of the forward pass). Response tensors take the form of `x` unless
    `encoding` is set.

    Args:
        body (NetworkRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NetworkResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: NetworkRequest,
) -> NetworkResponse | Problem | None:
    """Loss, gradients and gradient health of your own sequential network

     One forward and backward pass of `layers` on `x` with your weights, as torch autograd
    computes it (float64 unless `dtype` is float32): `dense` (torch.nn.Linear, y = x Wᵀ + b),
    `activation` (any catalog activation along the last axis), `layer_norm`
    (torch.nn.LayerNorm), `batch_norm` (torch.nn.BatchNorm1d in training mode: batch mean and
    biased variance; a batch of 1 is a 422 as torch raises) and `dropout` (your 0/1 mask,
    scaled by 1/(1 − p)), then the catalog `loss` with all its options.

    Per layer: the gradients of its weights, ‖dL/d its input‖, the statistics and verdict of
    POST /v1/inspect/stats for each gradient, and for dense layers the weight-gradient norm
    relative to the last dense layer's; overall `verdict` and `first_bad_layer` as
    gradient-flow. With `optimizer`, one step of that optimizer on {layer: {weight, bias}}
    (torch.optim semantics): the updated `params` and `state` (send it back next time).

    Errors name the field, e.g. `["body", "layers", 2, "weight"]` for a weight that does not
    fit the width reaching layer 2. Limits: GRADSERVE_MAX_NETWORK_LAYERS, _WIDTH, _BATCH and
    _WORK (multiply-adds of the forward pass). Response tensors take the form of `x` unless
    `encoding` is set.

    Args:
        body (NetworkRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NetworkResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: NetworkRequest,
) -> Response[NetworkResponse | Problem]:
    """Loss, gradients and gradient health of your own sequential network

     One forward and backward pass of `layers` on `x` with your weights, as torch autograd
    computes it (float64 unless `dtype` is float32): `dense` (torch.nn.Linear, y = x Wᵀ + b),
    `activation` (any catalog activation along the last axis), `layer_norm`
    (torch.nn.LayerNorm), `batch_norm` (torch.nn.BatchNorm1d in training mode: batch mean and
    biased variance; a batch of 1 is a 422 as torch raises) and `dropout` (your 0/1 mask,
    scaled by 1/(1 − p)), then the catalog `loss` with all its options.

    Per layer: the gradients of its weights, ‖dL/d its input‖, the statistics and verdict of
    POST /v1/inspect/stats for each gradient, and for dense layers the weight-gradient norm
    relative to the last dense layer's; overall `verdict` and `first_bad_layer` as
    gradient-flow. With `optimizer`, one step of that optimizer on {layer: {weight, bias}}
    (torch.optim semantics): the updated `params` and `state` (send it back next time).

    Errors name the field, e.g. `["body", "layers", 2, "weight"]` for a weight that does not
    fit the width reaching layer 2. Limits: GRADSERVE_MAX_NETWORK_LAYERS, _WIDTH, _BATCH and
    _WORK (multiply-adds of the forward pass). Response tensors take the form of `x` unless
    `encoding` is set.

    Args:
        body (NetworkRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NetworkResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: NetworkRequest,
) -> NetworkResponse | Problem | None:
    """Loss, gradients and gradient health of your own sequential network

     One forward and backward pass of `layers` on `x` with your weights, as torch autograd
    computes it (float64 unless `dtype` is float32): `dense` (torch.nn.Linear, y = x Wᵀ + b),
    `activation` (any catalog activation along the last axis), `layer_norm`
    (torch.nn.LayerNorm), `batch_norm` (torch.nn.BatchNorm1d in training mode: batch mean and
    biased variance; a batch of 1 is a 422 as torch raises) and `dropout` (your 0/1 mask,
    scaled by 1/(1 − p)), then the catalog `loss` with all its options.

    Per layer: the gradients of its weights, ‖dL/d its input‖, the statistics and verdict of
    POST /v1/inspect/stats for each gradient, and for dense layers the weight-gradient norm
    relative to the last dense layer's; overall `verdict` and `first_bad_layer` as
    gradient-flow. With `optimizer`, one step of that optimizer on {layer: {weight, bias}}
    (torch.optim semantics): the updated `params` and `state` (send it back next time).

    Errors name the field, e.g. `["body", "layers", 2, "weight"]` for a weight that does not
    fit the width reaching layer 2. Limits: GRADSERVE_MAX_NETWORK_LAYERS, _WIDTH, _BATCH and
    _WORK (multiply-adds of the forward pass). Response tensors take the form of `x` unless
    `encoding` is set.

    Args:
        body (NetworkRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NetworkResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
