#include "health/outcome.h"

#include <QtTest>

using namespace qcc;

class TestOutcome : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("transport");
        QTest::addColumn<bool>("wellFormed");
        QTest::addColumn<bool>("streamError");
        QTest::addColumn<int>("expected");
        const int none = int(TransportError::None);
        const QByteArray msg = "/v1/messages";
        auto row = [&](const char *name, int status, QByteArray path, int transport,
                       bool wellFormed, bool streamError, OutcomeClass c) {
            QTest::newRow(name) << status << path << transport << wellFormed << streamError
                                << int(c);
        };
        row("200 well-formed", 200, msg, none, true, false, OutcomeClass::Success);
        row("204 other path", 204, "/v1/x", none, true, false, OutcomeClass::Success);
        row("400", 400, msg, none, true, false, OutcomeClass::Request);
        row("413", 413, msg, none, true, false, OutcomeClass::Request);
        row("422", 422, msg, none, true, false, OutcomeClass::Request);
        row("404 count_tokens", 404, "/v1/messages/count_tokens", none, true, false,
            OutcomeClass::Unsupported);
        row("404 models", 404, "/v1/models", none, true, false, OutcomeClass::Unsupported);
        row("404 messages", 404, msg, none, true, false, OutcomeClass::Node);
        row("401", 401, msg, none, true, false, OutcomeClass::Credential);
        row("402", 402, msg, none, true, false, OutcomeClass::Credential);
        row("403", 403, msg, none, true, false, OutcomeClass::Credential);
        row("429", 429, msg, none, true, false, OutcomeClass::RateLimit);
        row("500", 500, msg, none, true, false, OutcomeClass::Node);
        row("502", 502, msg, none, true, false, OutcomeClass::Node);
        row("503", 503, msg, none, true, false, OutcomeClass::Node);
        row("529", 529, msg, none, true, false, OutcomeClass::Node);
        row("connect error", 0, msg, int(TransportError::Connect), true, false, OutcomeClass::Node);
        row("timeout", 0, msg, int(TransportError::Timeout), true, false, OutcomeClass::Node);
        row("timeout after head", 200, msg, int(TransportError::Timeout), true, false,
            OutcomeClass::Node);
        row("reset", 0, msg, int(TransportError::Reset), true, false, OutcomeClass::Node);
        row("200 html", 200, msg, none, false, false, OutcomeClass::Node);
        row("200 empty", 200, msg, none, false, false, OutcomeClass::Node);
        row("200 stream error before content", 200, msg, none, true, true, OutcomeClass::Node);
        row("302 redirect", 302, msg, none, true, false, OutcomeClass::Node);
    }

    void classify()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, path);
        QFETCH(int, transport);
        QFETCH(bool, wellFormed);
        QFETCH(bool, streamError);
        QFETCH(int, expected);
        AttemptFacts f;
        f.status = status;
        f.path = path;
        f.transport = TransportError(transport);
        f.wellFormed = wellFormed;
        f.streamErrorBeforeContent = streamError;
        QCOMPARE(outcomeName(qcc::classify(f)), outcomeName(OutcomeClass(expected)));
    }
};

QTEST_APPLESS_MAIN(TestOutcome)
#include "tst_outcome.moc"
