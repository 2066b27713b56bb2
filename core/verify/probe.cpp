#include "probe.h"

#include "platform/uitext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace qcc {

QString makeProbeCode()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString code;
    for (int i = 0; i < 6; ++i)
        code += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(36)]);
    return code;
}

QByteArray probeMessagesBody(const QString &model, const QString &code)
{
    QJsonObject message;
    message.insert(QStringLiteral("role"), QStringLiteral("user"));
    message.insert(QStringLiteral("content"),
                   QStringLiteral("Health check. Reply with exactly this code and nothing else: %1")
                       .arg(code));
    QJsonObject body;
    body.insert(QStringLiteral("model"), model);
    body.insert(QStringLiteral("max_tokens"), 16);
    body.insert(QStringLiteral("messages"), QJsonArray{message});
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

static QString errorText(const QJsonObject &o)
{
    const QJsonObject err = o.value(QStringLiteral("error")).toObject();
    const QString type = err.value(QStringLiteral("type")).toString();
    const QString msg = err.value(QStringLiteral("message")).toString();
    return type.isEmpty() ? msg : (msg.isEmpty() ? type : type + QStringLiteral(": ") + msg);
}

ProbeVerdict judgeProbe(const QString &method, const QString &code, int status,
                        const HeaderList &headers, const QByteArray &body)
{
    const QByteArray contentType = headerValue(headers, "content-type").toLower();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    const bool json = pe.error == QJsonParseError::NoError && (doc.isObject() || doc.isArray());

    // The upstream's own words (error details, the reply) are quoted as they are.
    const QString http = QString::number(status);
    if (status < 200 || status >= 300) {
        QString detail = json ? errorText(doc.object()) : QString();
        // "HTTP 503" reads the same in every language.
        return {
            false,
            detail.isEmpty()
                ? UiText(QStringLiteral("HTTP %1").arg(status))
                : UiText(QStringLiteral("HTTP %1: %2").arg(status).arg(clippedText(detail, 200)))};
    }
    if (body.trimmed().isEmpty())
        return {false, UiText(QT_TRANSLATE_NOOP("qcc", "HTTP %1 with an empty body"), {http})};
    if (!json) {
        return {
            false,
            contentType.contains("html")
                ? UiText(QT_TRANSLATE_NOOP("qcc", "HTTP %1 with an HTML page"), {http})
                : UiText(QT_TRANSLATE_NOOP("qcc", "HTTP %1 with a body that is not JSON"), {http})};
    }
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("type")).toString() == QLatin1String("error") ||
        o.contains(QStringLiteral("error")))
        return {false, UiText(QT_TRANSLATE_NOOP("qcc", "HTTP %1 with an error body: %2"),
                              {http, clippedText(errorText(o), 200)})};

    const UiText ok(QT_TRANSLATE_NOOP("qcc", "ok"));
    if (method == QLatin1String("models")) {
        if (o.value(QStringLiteral("data")).isArray() || doc.isArray())
            return {true, ok};
        return {false, UiText(QT_TRANSLATE_NOOP("qcc", "HTTP %1 but not a model list"), {http})};
    }
    QString text;
    for (const QJsonValue &block : o.value(QStringLiteral("content")).toArray())
        text += block.toObject().value(QStringLiteral("text")).toString();
    if (text.contains(code, Qt::CaseInsensitive))
        return {true, ok};
    return {false,
            UiText(QT_TRANSLATE_NOOP("qcc", "reply did not contain the code %1 (got \"%2\")"),
                   {code, clippedText(text, 80)})};
}

} // namespace qcc
