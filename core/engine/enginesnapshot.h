#pragma once

#include "health/endpointregistry.h"
#include "proxy/exchange.h"

#include <QMetaType>
#include <QStringList>

namespace qcc {

/*! Everything the UI shows, copied out of the engine thread. A value: immutable once sent. */
struct EngineSnapshot
{
    bool valid = false;
    bool listening = false;
    QString listenAddress; //!< "127.0.0.1:7860"
    QString activeCluster;
    QStringList clusters;
    RegistrySnapshot registry;
    ProxyCounters counters;
    int verifyIntervalMs = 60000;

    const EndpointSnapshot *endpoint(const QString &id) const
    {
        for (const EndpointSnapshot &e : registry.endpoints)
            if (e.id == id)
                return &e;
        return nullptr;
    }
};

} // namespace qcc

Q_DECLARE_METATYPE(qcc::EngineSnapshot)
