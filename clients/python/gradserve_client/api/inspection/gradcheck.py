from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.gradcheck_request import GradcheckRequest
from ...models.gradcheck_response import GradcheckResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: GradcheckRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/gradcheck",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GradcheckResponse | Problem | None:
    if response.status_code == 200:
        response_200 = GradcheckResponse.from_dict(response.json())

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
) -> Response[GradcheckResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GradcheckRequest,
) -> Response[GradcheckResponse | Problem]:
    """Check an analytic gradient against central finite differences

     Like `torch.autograd.gradcheck` (eps 1e-6, atol 1e-5, rtol 1e-3, in float64): an entry
    passes when |analytic − numeric| <= atol + rtol·|numeric|.

    Elementwise activations: f'(x) and the backward pass (vjp) element by element. Vector
    activations: the full Jacobian (shape y.shape + x.shape) for small inputs, from the
    backward pass and from the `jacobian` output; random projections vᵀJu beyond (as torch's
    fast mode and jax's check_grads). Losses: dL/dy_pred of the reduced loss. Inputs within
    2·eps of a kink of an elementwise activation, and non-finite inputs, are skipped and
    counted. `analytic`/`numeric` take the form of `x` (or `y_pred`) unless `encoding` is set;
    they are null when larger than 4096 entries or in projection mode.

    Args:
        body (GradcheckRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GradcheckResponse | Problem]
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
    body: GradcheckRequest,
) -> GradcheckResponse | Problem | None:
    """Check an analytic gradient against central finite differences

     Like `torch.autograd.gradcheck` (eps 1e-6, atol 1e-5, rtol 1e-3, in float64): an entry
    passes when |analytic − numeric| <= atol + rtol·|numeric|.

    Elementwise activations: f'(x) and the backward pass (vjp) element by element. Vector
    activations: the full Jacobian (shape y.shape + x.shape) for small inputs, from the
    backward pass and from the `jacobian` output; random projections vᵀJu beyond (as torch's
    fast mode and jax's check_grads). Losses: dL/dy_pred of the reduced loss. Inputs within
    2·eps of a kink of an elementwise activation, and non-finite inputs, are skipped and
    counted. `analytic`/`numeric` take the form of `x` (or `y_pred`) unless `encoding` is set;
    they are null when larger than 4096 entries or in projection mode.

    Args:
        body (GradcheckRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GradcheckResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GradcheckRequest,
) -> Response[GradcheckResponse | Problem]:
    """Check an analytic gradient against central finite differences

     Like `torch.autograd.gradcheck` (eps 1e-6, atol 1e-5, rtol 1e-3, in float64): an entry
    passes when |analytic − numeric| <= atol + rtol·|numeric|.

    Elementwise activations: f'(x) and the backward pass (vjp) element by element. Vector
    activations: the full Jacobian (shape y.shape + x.shape) for small inputs, from the
    backward pass and from the `jacobian` output; random projections vᵀJu beyond (as torch's
    fast mode and jax's check_grads). Losses: dL/dy_pred of the reduced loss. Inputs within
    2·eps of a kink of an elementwise activation, and non-finite inputs, are skipped and
    counted. `analytic`/`numeric` take the form of `x` (or `y_pred`) unless `encoding` is set;
    they are null when larger than 4096 entries or in projection mode.

    Args:
        body (GradcheckRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GradcheckResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: GradcheckRequest,
) -> GradcheckResponse | Problem | None:
    """Check an analytic gradient against central finite differences

     Like `torch.autograd.gradcheck` (eps 1e-6, atol 1e-5, rtol 1e-3, in float64): an entry
    passes when |analytic − numeric| <= atol + rtol·|numeric|.

    Elementwise activations: f'(x) and the backward pass (vjp) element by element. Vector
    activations: the full Jacobian (shape y.shape + x.shape) for small inputs, from the
    backward pass and from the `jacobian` output; random projections vᵀJu beyond (as torch's
    fast mode and jax's check_grads). Losses: dL/dy_pred of the reduced loss. Inputs within
    2·eps of a kink of an elementwise activation, and non-finite inputs, are skipped and
    counted. `analytic`/`numeric` take the form of `x` (or `y_pred`) unless `encoding` is set;
    they are null when larger than 4096 entries or in projection mode.

    Args:
        body (GradcheckRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GradcheckResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
