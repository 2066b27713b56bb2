#include "qtsocket.h"

#include "platform/os.h"

#include <QSet>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

namespace qcc {

std::unique_ptr<QtSocket> QtSocket::adopt(Reactor *reactor, qintptr descriptor,
                                          qint64 readBufferSize)
{
    auto *socket = new QTcpSocket;
    // Qt 6.4 keeps its buffers for an adopted descriptor whatever the open mode says (it reads
    // the kernel dry into them), so the read buffer is bounded here.
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        os::closeSocket(descriptor);
        return nullptr;
    }
    socket->setReadBufferSize(readBufferSize);
    std::unique_ptr<QtSocket> s(new QtSocket(reactor, socket));
    s->m_established = true;
    s->m_qtBuffers = true;
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    return s;
}

QtSocket::QtSocket(Reactor *reactor, QTcpSocket *socket) : StreamSocket(reactor), m_socket(socket)
{
    wire();
}

namespace {
//! The names a certificate is for: its DNS names, else its common name.
QString certificateNames(const QSslCertificate &cert)
{
    QStringList names = cert.subjectAlternativeNames().values(QSsl::DnsEntry);
    if (names.isEmpty())
        names = cert.subjectInfo(QSslCertificate::CommonName);
    if (names.size() > 3)
        names = names.mid(0, 3) << QStringLiteral("…");
    return names.isEmpty() ? QStringLiteral("?") : names.join(QStringLiteral(", "));
}

QString issuerName(const QSslCertificate &cert)
{
    for (const auto attr : {QSslCertificate::CommonName, QSslCertificate::Organization}) {
        const QStringList v = cert.issuerInfo(attr);
        if (!v.isEmpty())
            return v.join(QStringLiteral(", "));
    }
    return QStringLiteral("?");
}

//! One refused certificate, said so that someone can act on it.
UiText certificateReason(const QSslError &e)
{
    const QSslCertificate cert = e.certificate();
    switch (e.error()) {
    case QSslError::CertificateExpired:
        return UiText(QT_TRANSLATE_NOOP("qcc", "it expired on %1"),
                      {cert.expiryDate().toUTC().toString(Qt::ISODate)});
    case QSslError::CertificateNotYetValid:
        return UiText(QT_TRANSLATE_NOOP("qcc", "it is not valid before %1"),
                      {cert.effectiveDate().toUTC().toString(Qt::ISODate)});
    case QSslError::HostNameMismatch:
        return UiText(QT_TRANSLATE_NOOP("qcc", "it is for %1, not for this host"),
                      {certificateNames(cert)});
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return UiText(QT_TRANSLATE_NOOP("qcc", "its issuer %1 is not a trusted authority (for a "
                                               "private CA or a TLS-inspecting proxy, add its "
                                               "certificate with tls.ca_file)"),
                      {issuerName(cert)});
    default:
        return e.errorString();
    }
}
//! Up to three reasons in one text.
UiText joined(const QList<UiText> &reasons)
{
    if (reasons.size() == 1)
        return reasons.first();
    return UiText(reasons.size() == 2 ? "%1; %2" : "%1; %2; %3", reasons.mid(0, 3));
}
} // namespace

QtSocket::QtSocket(Reactor *reactor, const ConnectSpec &spec, qint64 readBufferSize)
    : StreamSocket(reactor), m_socket(spec.tls ? new QSslSocket : new QTcpSocket), m_spec(spec),
      m_qtBuffers(spec.tls)
{
    if (spec.tls && !spec.caCertificates.isEmpty()) {
        // The system store and the config's CA files (UpstreamTarget), never the files alone.
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(spec.caCertificates);
        static_cast<QSslSocket *>(m_socket.get())->setSslConfiguration(ssl);
    }
    m_socket->setProxy(spec.proxy);
    m_socket->setReadBufferSize(readBufferSize);
    wire();
}

QtSocket::~QtSocket()
{
    // Nothing Qt still emits while the socket goes (an abort's disconnected()) may reach us.
    QObject::disconnect(m_socket.get(), nullptr, nullptr, nullptr);
}

void QtSocket::wire()
{
    QTcpSocket *s = m_socket.get();
    // The socket is the context: its signals die with it, and none is queued.
    if (m_spec.tls) {
        QObject::connect(static_cast<QSslSocket *>(s), &QSslSocket::encrypted, s,
                         [this] { established(); });
        // The handshake fails right after (nothing here ignores an error); say why first.
        QObject::connect(
            static_cast<QSslSocket *>(s), &QSslSocket::sslErrors, s,
            [this](const QList<QSslError> &errors) {
                // One untrusted chain is several errors that say one thing.
                QList<UiText> reasons;
                QSet<QString> seen;
                for (const QSslError &e : errors) {
                    const UiText reason = certificateReason(e);
                    if (reasons.size() < 3 && !seen.contains(reason.english()))
                        reasons.append(reason);
                    seen.insert(reason.english());
                }
                m_certificateProblem =
                    UiText(QT_TRANSLATE_NOOP("qcc", "the TLS certificate of %1 was refused: %2"),
                           {m_spec.host, joined(reasons)});
            });
    } else
        QObject::connect(s, &QTcpSocket::connected, s, [this] { established(); });
    QObject::connect(s, &QTcpSocket::readyRead, s, [this] { readyRead(); });
    QObject::connect(s, &QTcpSocket::bytesWritten, s, [this] { bytesWritten(); });
    QObject::connect(s, &QTcpSocket::disconnected, s,
                     [this] { ended(QAbstractSocket::UnknownSocketError); });
    QObject::connect(s, &QTcpSocket::errorOccurred, s,
                     [this](QAbstractSocket::SocketError error) { ended(error); });
}

void QtSocket::established()
{
    if (m_over)
        return;
    m_established = true;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_listener)
        m_listener->socketConnected();
}

void QtSocket::open()
{
    // TLS keeps Qt's buffers (the decrypted bytes live there); plain TCP goes unbuffered.
    if (m_spec.tls)
        static_cast<QSslSocket *>(m_socket.get())->connectToHostEncrypted(m_spec.host, m_spec.port);
    else
        m_socket->connectToHost(m_spec.host, m_spec.port,
                                QIODevice::ReadWrite | QIODevice::Unbuffered);
}

void QtSocket::readyRead()
{
    if (m_lingering) {
        m_socket->readAll(); // dropped: the answer is out, only the close is awaited
        return;
    }
    if (!m_over && m_listener)
        m_listener->socketReadable();
}

qint64 QtSocket::read(char *buffer, qint64 max)
{
    if (!m_established)
        return 0;
    if (m_over && m_socket->bytesAvailable() == 0)
        return -1;
    // Unbuffered: from the kernel (the peer's close shows here, as -1, and Qt emits nothing
    // for it). Buffered: from Qt's buffer; more bring a readyRead() of their own.
    const qint64 n = m_socket->read(buffer, max);
    if (n > 0)
        return n;
    if (n < 0) {
        ended(m_socket->error());
        return -1;
    }
    return 0;
}

bool QtSocket::write(const QByteArray &data)
{
    if (m_over)
        return false;
    if (m_closeAfterFlush || data.isEmpty())
        return data.isEmpty();
    m_inWrite = true;
    m_socket->write(data); // unbuffered: to the kernel now; what it cannot take, Qt keeps
    if (m_qtBuffers)
        m_socket->flush(); // to the kernel now, not on the next write notification
    m_inWrite = false;
    return !m_over;
}

void QtSocket::bytesWritten()
{
    if (m_closeAfterFlush && !m_lingering && !m_over)
        m_reactor->setDeadline(this, m_flushStallMs); // it took some: a new period
    if (m_inWrite || m_over || m_socket->bytesToWrite() > 0)
        return;
    if (m_closeAfterFlush) {
        if (!m_lingering)
            startLinger();
        return;
    }
    if (m_listener)
        m_listener->socketDrained();
}

qint64 QtSocket::pendingOutput() const
{
    return m_socket->bytesToWrite();
}

qint64 QtSocket::bytesBuffered() const
{
    // What Qt holds; an unbuffered socket holds nothing, and asking the kernel would cost an
    // ioctl per parked-connection check.
    return m_qtBuffers ? m_socket->bytesAvailable() : 0;
}

void QtSocket::closeWhenFlushed(qint64 stallMs)
{
    if (m_over || m_closeAfterFlush)
        return;
    if (!m_established) {
        abort();
        return;
    }
    m_closeAfterFlush = true;
    m_flushStallMs = stallMs;
    if (m_socket->bytesToWrite() == 0)
        startLinger(); // else bytesWritten() starts it once the output is out
    else
        m_reactor->setDeadline(this, m_flushStallMs); // renewed by each write the peer takes
}

void QtSocket::startLinger()
{
    m_lingering = true;
    m_reactor->setDeadline(this, kLingerMs);
    // TLS says goodbye in its own words; a plain connection sends its FIN and reads what the
    // peer still sends until it closes too.
    if (m_spec.tls || !os::shutdownWrite(m_socket->socketDescriptor()))
        m_socket->disconnectFromHost();
    m_reactor->post(this); // what arrived before our FIN is dropped there
}

void QtSocket::abort()
{
    m_reactor->forget(this);
    m_closedPending = false;
    m_over = true;
    m_socket->abort(); // what it emits now is ignored: we are over
}

void QtSocket::ended(QAbstractSocket::SocketError error)
{
    if (error != QAbstractSocket::UnknownSocketError)
        m_error = error;
    if (m_over)
        return;
    m_over = true;
    m_closedPending = true;
    m_reactor->setDeadline(this, -1);
    m_reactor->post(this);
}

void QtSocket::setTimeout(qint64 ms)
{
    if (!m_lingering)
        m_reactor->setDeadline(this, ms);
}

void QtSocket::postReadable()
{
    m_reactor->post(this);
}

void QtSocket::posted()
{
    if (m_closedPending) {
        m_closedPending = false;
        if (m_listener)
            m_listener->socketClosed(); // may delete us later, never now
        return;
    }
    if (!m_over)
        readyRead();
}

void QtSocket::deadlineExpired()
{
    if (m_lingering || (m_closeAfterFlush && !m_over)) {
        // The peer did not close within the linger time, or took nothing of our last bytes
        // for the stall time: end it here.
        m_socket->abort();
        ended(m_lingering ? QAbstractSocket::UnknownSocketError
                          : QAbstractSocket::SocketTimeoutError);
        return;
    }
    if (!m_over && m_listener)
        m_listener->socketTimeout();
}

bool QtSocket::endedByPeer() const
{
    return m_established && (m_error == QAbstractSocket::RemoteHostClosedError ||
                             m_error == QAbstractSocket::UnknownSocketError);
}

QString QtSocket::errorString() const
{
    return m_socket->errorString();
}

} // namespace qcc
