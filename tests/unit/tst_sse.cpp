#include "http/sse.h"

#include <QtTest>

using namespace qcc;

//! Server-sent events as the proxy splits them at the commit point and after it.
class TestSse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sseSplitter()
    {
        const QByteArray stream =
            "event: message_start\ndata: {\"a\":1}\n\n: comment\n\nevent: ping\r\ndata: {}\r\n\r\n"
            "data: line1\ndata: line2\n\n";
        // every way of cutting the stream in two gives the same events, byte for byte
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            SseSplitter s;
            QList<SseEvent> events = s.feed(stream.left(cut));
            events += s.feed(stream.mid(cut));
            QCOMPARE(events.size(), 4);
            QCOMPARE(events[0].event, QByteArray("message_start"));
            QCOMPARE(events[0].data, QByteArray("{\"a\":1}"));
            QCOMPARE(events[2].event, QByteArray("ping"));
            QCOMPARE(events[3].event, QByteArray("message"));
            QCOMPARE(events[3].data, QByteArray("line1\nline2"));
            QByteArray joined;
            for (const SseEvent &e : events)
                joined += e.raw;
            QCOMPARE(joined, stream);
            QVERIFY(s.pending().isEmpty());
        }
    }

    // ------------------------------------------------ found by the fuzzers (tests/fuzz/corpus)
};

QTEST_APPLESS_MAIN(TestSse)
#include "tst_sse.moc"
