#pragma once

#include "config/config.h"
#include "http/headers.h"
#include "platform/uitext.h"

#include <QByteArray>
#include <QString>

namespace qcc {

struct ProbeVerdict
{
    bool passed = false;
    UiText message; //!< "ok" or why it failed, short and user-facing
};

//! A random code of six characters from A–Z0–9.
QString makeProbeCode();
QByteArray probeMessagesBody(const QString &model, const QString &code);

/*! Judges a probe response. `messages`: a 2xx JSON message whose text contains \a code
 *  (case-insensitive). `models`: a 2xx JSON list. Anything else fails with a reason. */
ProbeVerdict judgeProbe(const QString &method, const QString &code, int status,
                        const HeaderList &headers, const QByteArray &body);

} // namespace qcc
