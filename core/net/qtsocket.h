#pragma once

#include "streamsocket.h"

#include <QAbstractSocket>

#include <memory>

class QTcpSocket;

namespace qcc {

/*! A StreamSocket on a QTcpSocket, or a QSslSocket for TLS: the portable backend's sockets,
 *  client and upstream, and the epoll backend's for what its raw sockets do not do (TLS, host
 *  names, HTTP CONNECT and SOCKS5 upstream proxies). Qt's signals are turned into the
 *  StreamSocket contract: the end of the connection is told once, from the event loop (Qt may
 *  report a failed write from inside write()); socketDrained() means nothing is left to write.
 *  Outgoing plain TCP is opened unbuffered: reads and writes go straight to the kernel, whose
 *  buffers are then the bound. TLS and accepted sockets keep Qt's read buffer, bounded (Qt
 *  cannot open an adopted descriptor unbuffered). Engine thread. */
class QtSocket final : public StreamSocket, private Reactor::Handler
{
    Q_DISABLE_COPY_MOVE(QtSocket)

public:
    //! An accepted connection on \a descriptor; null when Qt cannot take it (closed then).
    //! Qt reads ahead of us into at most \a readBufferSize bytes.
    static std::unique_ptr<QtSocket> adopt(Reactor *reactor, qintptr descriptor,
                                           qint64 readBufferSize);
    //! An outgoing connection as \a spec says, started by open(); \a readBufferSize bounds
    //! what a TLS socket decrypts ahead of its reader (plain ones read from the kernel).
    QtSocket(Reactor *reactor, const ConnectSpec &spec, qint64 readBufferSize);
    ~QtSocket() override;

    void open() override;
    qint64 read(char *buffer, qint64 max) override;
    bool write(const QByteArray &data) override;
    qint64 pendingOutput() const override;
    qint64 bytesBuffered() const override;
    void closeWhenFlushed(qint64 stallMs) override;
    void abort() override;
    void setTimeout(qint64 ms) override;
    void postReadable() override;
    bool isConnected() const override { return m_established && !m_over && !m_lingering; }
    bool wasConnected() const override { return m_established; }
    bool endedByPeer() const override;
    bool endedByReset() const override { return false; }
    QString errorString() const override;
    UiText certificateProblem() const override { return m_certificateProblem; }

private:
    QtSocket(Reactor *reactor, QTcpSocket *socket);
    void wire();
    void established();
    void readyRead();
    void bytesWritten();
    //! The connection is over (Qt said so): socketClosed() follows from the event loop.
    void ended(QAbstractSocket::SocketError error);
    void startLinger();
    void posted() override;
    void deadlineExpired() override;

    std::unique_ptr<QTcpSocket> m_socket;
    ConnectSpec m_spec;
    QAbstractSocket::SocketError m_error = QAbstractSocket::UnknownSocketError;
    bool m_established = false;
    bool m_over = false;          //!< Qt reported the end, or abort()
    bool m_closedPending = false; //!< socketClosed() is due from the event loop
    bool m_closeAfterFlush = false;
    qint64 m_flushStallMs = 0; //!< closeWhenFlushed()'s stall time
    bool m_lingering = false;
    bool m_qtBuffers = false; //!< Qt buffers our reads (TLS, adopted sockets)
    bool m_inWrite = false;   //!< inside write(): Qt's bytesWritten is not a drain event then
    UiText m_certificateProblem;
};

} // namespace qcc
