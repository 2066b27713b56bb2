#include "http/headers.h"

#include <QtTest>

using namespace qcc;

//! Which header lines go on to the other side (hop-by-hop ones and those QCC sets do not).
class TestHeaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forwardableLinesLeaveOutOnlyWhatTheyMust()
    {
        const HeaderList in = {{"Host", "h"},
                               {"Connection", " Keep-Alive ,x-drop-me,, close , TE"},
                               {"X-Drop-Me", "1"},
                               {"TE", "trailers"},
                               {"x-keep", "a, b"},
                               {"Upgrade", "h2c"},
                               {"connection", "X-Second"},
                               {"x-second", "2"},
                               {"Close", "not a hop-by-hop header"},
                               {"anthropic-beta", "x,y"},
                               {"Content-Length", "3"}};
        QCOMPARE(forwardableLines(in, {"host", "content-length"}, "Tail: t\r\n"),
                 QByteArray("x-keep: a, b\r\nClose: not a hop-by-hop header\r\n"
                            "anthropic-beta: x,y\r\nTail: t\r\n"));
        QCOMPARE(forwardableLines({}, {}), QByteArray());
    }
};

QTEST_APPLESS_MAIN(TestHeaders)
#include "tst_headers.moc"
