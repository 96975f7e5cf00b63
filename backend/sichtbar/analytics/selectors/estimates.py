"""Estimates: potential reach, impressions and media value from the network rates."""

from decimal import Decimal
from typing import Any

from ..models import (
    NetworkRate,
)


def rates(currency: str) -> dict[str, NetworkRate]:
    return {rate.network: rate for rate in NetworkRate.objects.filter(currency=currency)}


def _estimates(
    rows: list[dict[str, Any]], currency: str, network_rates: dict[str, NetworkRate]
) -> dict[str, Any]:
    """Impressions and media value per network with the inputs they were computed from."""
    inputs = []
    impressions = Decimal(0)
    value = Decimal(0)
    for row in rows:
        if not row["network"] or (not row["reach"] and not row["clicks"]):
            continue
        rate = network_rates.get(row["network"])
        cpc = rate.cpc if rate else Decimal(0)
        cpm = rate.cpm if rate else Decimal(0)
        view_rate = rate.view_rate if rate else Decimal(0)
        network_impressions = (Decimal(row["reach"] or 0) * view_rate).quantize(Decimal(1))
        impressions += network_impressions
        value += Decimal(row["clicks"] or 0) * cpc + network_impressions * cpm / 1000
        inputs.append(
            {
                "network": row["network"],
                "cpc": cpc,
                "cpm": cpm,
                "view_rate": view_rate,
                "clicks": int(row["clicks"] or 0),
                "reach": int(row["reach"] or 0),
                "impressions": int(network_impressions),
                "configured": rate is not None,
            }
        )
    return {
        "currency": currency,
        "impressions": int(impressions),
        "media_value": value.quantize(Decimal("0.01")),
        "inputs": inputs,
    }
