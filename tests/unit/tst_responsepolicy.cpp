#include "proxy/responsepolicy.h"

#include <QtTest>

using namespace qcc;

Q_DECLARE_METATYPE(qcc::HeaderList)
Q_DECLARE_METATYPE(qcc::HeadDecision::Action)

//! The proxy's decisions about an upstream's answer, row by row, without a socket.
class TestResponsePolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decideHead_data()
    {
        using A = HeadDecision::Action;
        QTest::addColumn<int>("status");
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("acceptEncoding");
        QTest::addColumn<A>("action");
        QTest::addColumn<bool>("knownLength");
        QTest::addColumn<QString>("failure");
        const HeaderList json = {{"Content-Type", "application/json"}, {"Content-Length", "10"}};
        const HeaderList sse = {{"Content-Type", "text/event-stream"},
                                {"Transfer-Encoding", "chunked"}};
        QTest::newRow("message reply: held whole")
            << 200 << json << QByteArray("/v1/messages") << QByteArray() << A::HoldBody << false
            << QString();
        QTest::newRow("stream: held to its first content")
            << 200 << sse << QByteArray("/v1/messages") << QByteArray() << A::HoldStream << false
            << QString();
        QTest::newRow("models: relayed, length framed")
            << 200 << json << QByteArray("/v1/models") << QByteArray() << A::Relay << true
            << QString();
        QTest::newRow("chunked and a length: chunked")
            << 200 << HeaderList{{"Content-Length", "5"}, {"Transfer-Encoding", "chunked"}}
            << QByteArray("/v1/models") << QByteArray() << A::Relay << false << QString();
        QTest::newRow("400: the request's fault, relayed")
            << 400 << json << QByteArray("/v1/messages") << QByteArray() << A::Relay << true
            << QString();
        QTest::newRow("401: held, the next endpoint tries")
            << 401 << json << QByteArray("/v1/messages") << QByteArray() << A::HoldError << false
            << QString();
        QTest::newRow("529: held") << 529 << json << QByteArray("/v1/messages") << QByteArray()
                                   << A::HoldError << false << QString();
        QTest::newRow("gzip the client accepts: relayed as it is")
            << 200 << HeaderList{{"Content-Encoding", "GZIP"}, {"Content-Length", "4"}}
            << QByteArray("/v1/messages") << QByteArray("br, gzip;q=0.5") << A::Relay << true
            << QString();
        QTest::newRow("gzip the client did not ask for")
            << 200 << HeaderList{{"Content-Encoding", "gzip"}} << QByteArray("/v1/messages")
            << QByteArray("br") << A::Fail << false
            << QStringLiteral("upstream sent Content-Encoding gzip, which the client did not "
                              "accept");
        QTest::newRow("an encoded error")
            << 500 << HeaderList{{"Content-Encoding", "gzip"}} << QByteArray("/v1/messages")
            << QByteArray("gzip") << A::Fail << false
            << QStringLiteral("HTTP 500 with an encoded body (Content-Encoding gzip), which QCC "
                              "did not ask for");
        QTest::newRow("an encoding that quotes the key")
            << 200 << HeaderList{{"Content-Encoding", "sk-fake-policy-key-0001"}}
            << QByteArray("/v1/messages") << QByteArray() << A::Fail << false
            << QStringLiteral("upstream sent Content-Encoding ") + QString(23, u'*') +
                   QStringLiteral(", which the client did not accept"); // masked, byte for byte
        QTest::newRow("identity is no encoding")
            << 200 << HeaderList{{"Content-Encoding", "identity"}, {"Content-Length", "2"}}
            << QByteArray("/v1/models") << QByteArray() << A::Relay << true << QString();
    }
    void decideHead()
    {
        QFETCH(int, status);
        QFETCH(HeaderList, headers);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, acceptEncoding);
        QFETCH(HeadDecision::Action, action);
        QFETCH(bool, knownLength);
        QFETCH(QString, failure);
        const HeadDecision d = qcc::decideHead(
            {status, &headers, "POST", path, acceptEncoding, "sk-fake-policy-key-0001"});
        QCOMPARE(d.action, action);
        QCOMPARE(d.knownLength, knownLength);
        QCOMPARE(d.failure.english(), failure);
    }

    void judgeHeldReply_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("failure");
        QTest::newRow("a message") << QByteArray("application/json")
                                   << QByteArray(R"({"type":"message","content":[]})") << QString();
        QTest::newRow("empty") << QByteArray("application/json") << QByteArray(" \r\n")
                               << QStringLiteral("HTTP 200 with an empty body");
        QTest::newRow("an HTML page")
            << QByteArray("text/html; charset=utf-8") << QByteArray("<html>busy</html>")
            << QStringLiteral("HTTP 200 with an HTML page");
        QTest::newRow("an error in a 200")
            << QByteArray("application/json")
            << QByteArray(R"({"type":"error","error":{"type":"overloaded_error"}})")
            << QStringLiteral("HTTP 200 with an error body");
        QTest::newRow("not JSON") << QByteArray("application/json") << QByteArray("{\"type\":")
                                  << QStringLiteral("HTTP 200 with a body that is not a JSON "
                                                    "object");
    }
    void judgeHeldReply()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, failure);
        QCOMPARE(qcc::judgeHeldReply(200, contentType, body, scanJsonObject(body)).english(),
                 failure);
    }

    void noAnswer_data()
    {
        QTest::addColumn<int>("endpoints");
        QTest::addColumn<int>("usable");
        QTest::addColumn<int>("queued");
        QTest::addColumn<QStringList>("keyless");
        QTest::addColumn<int>("attempts");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::newRow("none configured") << 0 << 0 << 0 << QStringList() << 0 << 503
                                         << QStringLiteral("QCC has no endpoint configured in "
                                                           "the active cluster")
                                         << QByteArray();
        QTest::newRow("all isolated")
            << 2 << 0 << 2 << QStringList() << 0 << 503
            << QStringLiteral("every endpoint is isolated; the next verification is in 3 s")
            << QByteArray("3");
        QTest::newRow("all disabled")
            << 2 << 0 << 0 << QStringList() << 0 << 503
            << QStringLiteral("every endpoint of the active cluster is disabled") << QByteArray();
        QTest::newRow("keyless")
            << 1 << 0 << 0 << QStringList{QStringLiteral("官方: environment variable K is not set")}
            << 0 << 503
            << QStringLiteral("no enabled endpoint of the active cluster has a key (官方: "
                              "environment variable K is not set)")
            << QByteArray();
        QTest::newRow("none for this path")
            << 1 << 1 << 0 << QStringList() << 0 << 503
            << QStringLiteral("no endpoint can serve /v1/x right now") << QByteArray();
        QTest::newRow("all attempts failed")
            << 3 << 3 << 0 << QStringList() << 3 << 502
            << QStringLiteral("all 3 attempt(s) failed; last: connect failed: refused")
            << QByteArray();
    }
    void noAnswer()
    {
        QFETCH(int, endpoints);
        QFETCH(int, usable);
        QFETCH(int, queued);
        QFETCH(QStringList, keyless);
        QFETCH(int, attempts);
        QFETCH(int, status);
        QFETCH(QString, message);
        QFETCH(QByteArray, retryAfter);
        const Unavailability why{endpoints, usable, queued, 2500, keyless};
        const ProxyAnswer a =
            qcc::noAnswer(why, attempts, QStringLiteral("connect failed: refused"), "/v1/x");
        QCOMPARE(a.status, status);
        QCOMPARE(a.message, message);
        QCOMPARE(headerValue(a.headers, "retry-after"), retryAfter);
        QCOMPARE(headerValue(a.headers, "x-should-retry"), QByteArray("true"));
    }
};

QTEST_APPLESS_MAIN(TestResponsePolicy)
#include "tst_responsepolicy.moc"
