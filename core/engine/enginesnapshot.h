#pragma once

#include "health/endpointregistry.h"
#include "platform/uitext.h"
#include "proxy/proxycounters.h"

#include <QJsonObject>
#include <QJsonValue>
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
    qint64 uptimeMs = 0;
    //! The latest failed verification of each endpoint, structured (see display()).
    QHash<QString, UiText> probeFailures;

    const EndpointSnapshot *endpoint(const QString &id) const
    {
        for (const EndpointSnapshot &e : registry.endpoints)
            if (e.id == id)
                return &e;
        return nullptr;
    }

    /*! An endpoint's last error or probe result, which the registry keeps in English, as the UI
     *  shows it: in the UI language when it is the latest failed verification or the latest
     *  traffic error of \a id. Other texts (restored from the state file, or ones the registry
     *  had to redact) are shown as they are. */
    QString display(const QString &id, const QString &text) const
    {
        const auto it = probeFailures.constFind(id);
        if (it != probeFailures.constEnd() && it->english() == text)
            return it->localized();
        const EndpointSnapshot *e = endpoint(id);
        if (e && !e->lastErrorText.isEmpty() && e->lastErrorText.english() == text)
            return e->lastErrorText.localized();
        return text;
    }
};

//! The local API's GET /__qcc__/stats (docs/API.md): the snapshot the UI gets, in JSON.
QJsonObject statsJson(const EngineSnapshot &snapshot);
//! The pick as the stats and POST /__qcc__/pick say it: an id or null, and why it is not
//! honoured or null.
struct PickJson
{
    QJsonValue picked, ignored;
};
PickJson pickJson(const RegistrySnapshot &snapshot);

} // namespace qcc

Q_DECLARE_METATYPE(qcc::EngineSnapshot)
