#include "aboutdialog.h"

#include "net/netbackend.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

namespace qcc {

AboutDialog::AboutDialog(const QString &configPath, const QString &stateDir, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("about"));
    setWindowTitle(tr("About QCC"));
    // Rows of (label, value): one list for the rich text shown and the plain text copied.
    const QList<QPair<QString, QString>> rows = {
        {tr("Version"), QStringLiteral(QCC_VERSION)},
        {tr("Build"), tr("Qt %1 (built with %2), %3 sockets, %4")
                          .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                               QString::fromLatin1(NetBackend::name()), QSysInfo::buildAbi())},
        {tr("System"), QSysInfo::prettyProductName()},
        {tr("Config file"), QDir::toNativeSeparators(configPath)},
        {tr("Logs and state"), QDir::toNativeSeparators(stateDir)},
        {QStringLiteral("Qt"), tr("LGPL-3.0 (The Qt Company and contributors)")},
        {QStringLiteral("llhttp"), tr("MIT licence (Fedor Indutny and contributors)")},
        {QStringLiteral("QtKeychain"),
         tr("BSD-3-Clause licence (Frank Osterfeld and contributors)")},
    };
    QString html = QStringLiteral("<h3>QCC</h3><p>%1</p><table>")
                       .arg(tr("A local failover proxy for Claude Code.").toHtmlEscaped());
    m_plain = QStringLiteral("QCC\n");
    for (const auto &[label, value] : rows) {
        html += QStringLiteral("<tr><td><b>%1</b>&nbsp;&nbsp;</td><td>%2</td></tr>")
                    .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
        m_plain += label + QStringLiteral(": ") + value + u'\n';
    }
    html += QStringLiteral("</table>");

    auto *text = new QLabel(html, this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copy"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_plain); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
}

} // namespace qcc
