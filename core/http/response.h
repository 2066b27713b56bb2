#pragma once

#include "headers.h"

#include <QByteArray>
#include <QString>

namespace qcc {

//! The standard reason phrase of \a status (static text).
QByteArrayView reasonPhrase(int status);
//! Anthropic's error shape: {"type":"error","error":{"type":T,"message":M}}.
QByteArray errorBody(const QByteArray &type, const QString &message);
//! The Anthropic error type that goes with a status the proxy itself answers.
QByteArray errorTypeFor(int status);

} // namespace qcc
