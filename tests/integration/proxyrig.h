#pragma once

#include "engine/engine.h"
#include "net/netbackend.h"
#include "support/fakeupstream.h"
#include "support/httpclient.h"

#include <QtTest>

namespace qcc::test {

inline const QByteArray kMessageBody =
    R"({"model":"claude-x","max_tokens":64,"messages":[{"role":"user","content":"hello"}]})";
inline const QByteArray kStreamBody =
    R"({"model":"claude-x","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hello"}]})";

/*! A real engine listening on a loopback port, with fake upstreams as its endpoints. */
struct ProxyRig
{
    SystemClock clock;
    //! The build's backend, sharing the thread's dispatcher when that is qccd's (*_epoll twins).
    Engine engine{&clock, NetBackend::create(QAbstractEventDispatcher::instance())};
    Config config;

    ProxyRig()
    {
        config.listenPort = 0;
        config.clusters.append(ClusterConfig{QStringLiteral("default"), {}, {}});
        config.failover.isolateAfter = 3;
        config.failover.maxAttempts = 3;
        config.failover.firstByteTimeoutMs = 2000;
        config.failover.idleTimeoutMs = 2000;
        config.failover.connectTimeoutMs = 2000;
    }

    EndpointConfig &add(const FakeUpstream &fake, const QString &name, Tier tier = Tier::Primary)
    {
        EndpointConfig e;
        e.name = name;
        e.baseUrl = fake.baseUrl();
        e.apiKey = e.key = QStringLiteral("sk-fake-test-%1-000000000000").arg(name);
        e.tier = tier;
        e.effectiveId = deriveEndpointId(e.baseUrl, e.keySource());
        config.clusters[0].endpoints.append(e);
        return config.clusters[0].endpoints.last();
    }
    QString idOf(const QString &name) const
    {
        for (const EndpointConfig &e : config.clusters[0].endpoints)
            if (e.name == name)
                return e.effectiveId;
        return {};
    }

    void start()
    {
        engine.setConfig(config);
        UiText error;
        QVERIFY2(engine.startListening(&error), qPrintable(error.english()));
    }
    quint16 port() const { return engine.port(); }

    //! Starts a request; the caller waits with waitFor().
    HttpClient *send(QObject *owner, const QByteArray &method, const QByteArray &target,
                     const QByteArray &body = {}, HeaderList headers = {})
    {
        auto *c = new HttpClient(owner);
        if (!body.isEmpty() && !hasHeader(headers, "content-type"))
            headers.append(Header("Content-Type", "application/json"));
        c->send(port(), method, target, headers, body);
        return c;
    }
    HttpClient *post(QObject *owner, const QByteArray &body = kMessageBody, HeaderList headers = {})
    {
        return send(owner, "POST", "/v1/messages?beta=true", body, headers);
    }

    EndpointSnapshot endpoint(const QString &name) const
    {
        const RegistrySnapshot snap = const_cast<Engine &>(engine).registry()->snapshot();
        for (const EndpointSnapshot &e : snap.endpoints)
            if (e.name == name)
                return e;
        return {};
    }
};

inline bool waitAll(const QList<HttpClient *> &clients, int timeoutMs = 15000)
{
    QElapsedTimer t;
    t.start();
    for (;;) {
        bool all = true;
        for (HttpClient *c : clients)
            all &= c->done();
        if (all)
            return true;
        if (t.elapsed() > timeoutMs)
            return false;
        QTest::qWait(5);
    }
}

inline bool waitFor(HttpClient *c, int timeoutMs = 15000)
{
    return waitAll({c}, timeoutMs);
}

} // namespace qcc::test
