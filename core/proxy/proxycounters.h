#pragma once

#include <QtGlobal>

namespace qcc {

//! The proxy's request counters (the local API's stats and the UI show them). Engine thread.
struct ProxyCounters
{
    qint64 totalRequests = 0;
    qint64 successfulRequests = 0;
    qint64 failedRequests = 0;
    qint64 failovers = 0;
    qint64 inFlight = 0;
};

} // namespace qcc
