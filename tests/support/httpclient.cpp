#include "httpclient.h"

namespace qcc::test {

HttpClient::HttpClient(QObject *parent) : QObject(parent)
{
    m_parser = std::make_unique<ResponseParser>(
        ResponseParser::Callbacks{[this](int s, const HeaderList &h) {
                                      status = s;
                                      headers = h;
                                      Q_EMIT headReceived();
                                  },
                                  [this](const char *d, qsizetype n) {
                                      body.append(d, n);
                                      pieceTimesMs.append(m_clock.elapsed());
                                  },
                                  [this] {
                                      complete = true;
                                      Q_EMIT finished();
                                  }});
    connect(&m_socket, &QTcpSocket::connected, this, [this] { m_socket.write(m_out); });
    connect(&m_socket, &QTcpSocket::readyRead, this, [this] {
        const QByteArray d = m_socket.readAll();
        raw += d;
        if (!complete)
            m_parser->feed(d.constData(), d.size());
    });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        if (!complete)
            m_parser->finish();
        closed = true;
        Q_EMIT finished();
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket.state() == QAbstractSocket::UnconnectedState && !closed) {
            closed = true;
            Q_EMIT finished();
        }
    });
}

void HttpClient::send(quint16 port, const QByteArray &method, const QByteArray &target,
                      const HeaderList &h, const QByteArray &b)
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\n";
    if (!hasHeader(h, "host"))
        out += "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    out += serializeHeaders(h);
    if (!b.isEmpty() || method == "POST")
        out += "Content-Length: " + QByteArray::number(b.size()) + "\r\n";
    out += "\r\n" + b;
    m_parser->setNoBody(method == "HEAD");
    sendRaw(port, out);
}

void HttpClient::sendRaw(quint16 port, const QByteArray &bytes)
{
    m_out = bytes;
    m_clock.start();
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
}

} // namespace qcc::test
