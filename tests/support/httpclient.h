#pragma once

#include "http/headers.h"
#include "http/httpparser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTcpSocket>

#include <memory>

namespace qcc::test {

/*! An asynchronous HTTP/1.1 test client on a real socket: one request, records the response
 *  and when each body piece arrived. */
class HttpClient final : public QObject
{
    Q_OBJECT

public:
    explicit HttpClient(QObject *parent = nullptr);
    void send(quint16 port, const QByteArray &method, const QByteArray &target,
              const HeaderList &headers = {}, const QByteArray &body = {});
    //! Sends raw bytes as they are (malformed requests, pipelining).
    void sendRaw(quint16 port, const QByteArray &bytes);
    //! More raw bytes on the same connection, once it is open (dropped when it is not).
    void sendMore(const QByteArray &bytes) { m_socket.write(bytes); }
    void abort() { m_socket.abort(); }

    int status = 0;
    HeaderList headers;
    QByteArray body;
    QList<qint64> pieceTimesMs; //!< arrival of each body piece, ms after send
    bool complete = false;      //!< a whole response arrived
    bool closed = false;        //!< the connection closed
    QByteArray raw;             //!< everything received
    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }
    bool done() const { return complete || closed; }

Q_SIGNALS:
    void headReceived();
    void finished();

private:
    QTcpSocket m_socket;
    std::unique_ptr<ResponseParser> m_parser;
    QElapsedTimer m_clock;
    QByteArray m_out;
};

} // namespace qcc::test
