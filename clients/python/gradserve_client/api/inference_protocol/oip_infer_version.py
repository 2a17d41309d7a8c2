from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.oip_error import OipError
from ...models.oip_infer_request import OipInferRequest
from ...models.oip_infer_response import OipInferResponse
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    model: str,
    version: str,
    *,
    body: OipInferRequest | File | Unset = UNSET,
    inference_header_content_length: int | None | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(inference_header_content_length, Unset):
        headers["Inference-Header-Content-Length"] = inference_header_content_length

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/models/{model}/versions/{version}/infer".format(
            model=quote(str(model), safe=""),
            version=quote(str(version), safe=""),
        ),
    }

    if isinstance(body, OipInferRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OipError | OipInferResponse | None:
    if response.status_code == 200:
        response_200 = OipInferResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = OipError.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = OipError.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = OipError.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = OipError.from_dict(response.json())

        return response_415

    if response.status_code == 503:
        response_503 = OipError.from_dict(response.json())

        return response_503

    if 400 <= response.status_code <= 499:
        response_4xx = OipError.from_dict(response.json())

        return response_4xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OipError | OipInferResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    model: str,
    version: str,
    *,
    client: AuthenticatedClient | Client,
    body: OipInferRequest | File | Unset = UNSET,
    inference_header_content_length: int | None | Unset = UNSET,
) -> Response[OipError | OipInferResponse]:
    """Inference (any version)

     As POST /v2/models/{model}/infer; the response names the version asked.

    Args:
        model (str): activations.<name>, losses.<name> or optimizers.<name>, for every name and
            alias of the catalogs (case-insensitive), or networks.gradients. (Never `stats`: GET
            /v2/models/stats is the statistics of every model, as in Triton.)
        version (str): Any version answers (models have one version, 1).
        inference_header_content_length (int | None | Unset): Length in bytes of the JSON header
            when binary input data follows it.
        body (OipInferRequest): An inference request (the JSON header). Everything that is not a
            tensor is a
            parameter with its /v1 field name (`axis`, `from_logits`, `reduction`, `lr`, `beta1`,
            `step`, ...); `/v1` objects go flat with dots (`clip.global_norm`, `regularization.l2`,
            `schedule.name`), pairs by index (`etas.0`, `etas.1`).
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OipError | OipInferResponse]
    """

    kwargs = _get_kwargs(
        model=model,
        version=version,
        body=body,
        inference_header_content_length=inference_header_content_length,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    model: str,
    version: str,
    *,
    client: AuthenticatedClient | Client,
    body: OipInferRequest | File | Unset = UNSET,
    inference_header_content_length: int | None | Unset = UNSET,
) -> OipError | OipInferResponse | None:
    """Inference (any version)

     As POST /v2/models/{model}/infer; the response names the version asked.

    Args:
        model (str): activations.<name>, losses.<name> or optimizers.<name>, for every name and
            alias of the catalogs (case-insensitive), or networks.gradients. (Never `stats`: GET
            /v2/models/stats is the statistics of every model, as in Triton.)
        version (str): Any version answers (models have one version, 1).
        inference_header_content_length (int | None | Unset): Length in bytes of the JSON header
            when binary input data follows it.
        body (OipInferRequest): An inference request (the JSON header). Everything that is not a
            tensor is a
            parameter with its /v1 field name (`axis`, `from_logits`, `reduction`, `lr`, `beta1`,
            `step`, ...); `/v1` objects go flat with dots (`clip.global_norm`, `regularization.l2`,
            `schedule.name`), pairs by index (`etas.0`, `etas.1`).
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OipError | OipInferResponse
    """

    return sync_detailed(
        model=model,
        version=version,
        client=client,
        body=body,
        inference_header_content_length=inference_header_content_length,
    ).parsed


async def asyncio_detailed(
    model: str,
    version: str,
    *,
    client: AuthenticatedClient | Client,
    body: OipInferRequest | File | Unset = UNSET,
    inference_header_content_length: int | None | Unset = UNSET,
) -> Response[OipError | OipInferResponse]:
    """Inference (any version)

     As POST /v2/models/{model}/infer; the response names the version asked.

    Args:
        model (str): activations.<name>, losses.<name> or optimizers.<name>, for every name and
            alias of the catalogs (case-insensitive), or networks.gradients. (Never `stats`: GET
            /v2/models/stats is the statistics of every model, as in Triton.)
        version (str): Any version answers (models have one version, 1).
        inference_header_content_length (int | None | Unset): Length in bytes of the JSON header
            when binary input data follows it.
        body (OipInferRequest): An inference request (the JSON header). Everything that is not a
            tensor is a
            parameter with its /v1 field name (`axis`, `from_logits`, `reduction`, `lr`, `beta1`,
            `step`, ...); `/v1` objects go flat with dots (`clip.global_norm`, `regularization.l2`,
            `schedule.name`), pairs by index (`etas.0`, `etas.1`).
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OipError | OipInferResponse]
    """

    kwargs = _get_kwargs(
        model=model,
        version=version,
        body=body,
        inference_header_content_length=inference_header_content_length,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    model: str,
    version: str,
    *,
    client: AuthenticatedClient | Client,
    body: OipInferRequest | File | Unset = UNSET,
    inference_header_content_length: int | None | Unset = UNSET,
) -> OipError | OipInferResponse | None:
    """Inference (any version)

     As POST /v2/models/{model}/infer; the response names the version asked.

    Args:
        model (str): activations.<name>, losses.<name> or optimizers.<name>, for every name and
            alias of the catalogs (case-insensitive), or networks.gradients. (Never `stats`: GET
            /v2/models/stats is the statistics of every model, as in Triton.)
        version (str): Any version answers (models have one version, 1).
        inference_header_content_length (int | None | Unset): Length in bytes of the JSON header
            when binary input data follows it.
        body (OipInferRequest): An inference request (the JSON header). Everything that is not a
            tensor is a
            parameter with its /v1 field name (`axis`, `from_logits`, `reduction`, `lr`, `beta1`,
            `step`, ...); `/v1` objects go flat with dots (`clip.global_norm`, `regularization.l2`,
            `schedule.name`), pairs by index (`etas.0`, `etas.1`).
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OipError | OipInferResponse
    """

    return (
        await asyncio_detailed(
            model=model,
            version=version,
            client=client,
            body=body,
            inference_header_content_length=inference_header_content_length,
        )
    ).parsed
