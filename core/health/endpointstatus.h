#pragma once

#include <QString>

namespace qcc {

//! Where an endpoint stands, as the registry decides it (one order, statusOf()).
enum class EndpointStatus {
    Unknown,  //!< usable, nothing answered yet
    Healthy,  //!< usable, the latest attempt succeeded
    Degraded, //!< usable, recent failures, not isolated yet
    Cooling,  //!< rate-limited: waits out a 429's cool-down
    Isolated, //!< in the failure queue
    Disabled, //!< enabled: false
    NoKey,    //!< the key it names cannot be had
};

//! The name the local API and the logs use: "unknown", "healthy", …, "no_key".
inline QString statusName(EndpointStatus s)
{
    switch (s) {
    case EndpointStatus::Unknown:
        return QStringLiteral("unknown");
    case EndpointStatus::Healthy:
        return QStringLiteral("healthy");
    case EndpointStatus::Degraded:
        return QStringLiteral("degraded");
    case EndpointStatus::Cooling:
        return QStringLiteral("cooling");
    case EndpointStatus::Isolated:
        return QStringLiteral("isolated");
    case EndpointStatus::Disabled:
        return QStringLiteral("disabled");
    case EndpointStatus::NoKey:
        return QStringLiteral("no_key");
    }
    return QString();
}

//! Whether an endpoint in this status can serve a request now.
constexpr bool canServe(EndpointStatus s)
{
    return s == EndpointStatus::Unknown || s == EndpointStatus::Healthy ||
           s == EndpointStatus::Degraded;
}

} // namespace qcc
