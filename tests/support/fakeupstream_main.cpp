// A standalone fake upstream for end-to-end tests and benchmarks:
//   qcc-fake-upstream [--port N] [--reply working|401|500|529|html|hang]
// Prints "listening on PORT" once bound.
#include "support/fakeupstream.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace qcc::test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("port"), QStringLiteral("port (0 = any)"), QStringLiteral("N"),
                   QStringLiteral("0")},
                  {QStringLiteral("reply"), QStringLiteral("working|401|500|529|html|hang"),
                   QStringLiteral("KIND"), QStringLiteral("working")}});
    p.addHelpOption();
    p.process(app);
    FakeUpstream fake(nullptr, quint16(p.value(QStringLiteral("port")).toUInt()));
    const QString kind = p.value(QStringLiteral("reply"));
    if (kind == QLatin1String("401"))
        fake.setReply(FakeReply::error(401, "authentication_error", "invalid x-api-key"));
    else if (kind == QLatin1String("500"))
        fake.setReply(FakeReply::error(500, "api_error", "Internal server error"));
    else if (kind == QLatin1String("529"))
        fake.setReply(FakeReply::error(529, "overloaded_error", "Overloaded"));
    else if (kind == QLatin1String("html"))
        fake.setReply(FakeReply::html());
    else if (kind == QLatin1String("hang")) {
        FakeReply r;
        r.action = FakeReply::Action::Hang;
        fake.setReply(r);
    }
    QTextStream(stdout) << "listening on " << fake.port() << Qt::endl;
    return app.exec();
}
