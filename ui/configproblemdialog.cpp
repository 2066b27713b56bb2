#include "configproblemdialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace qcc {

ConfigProblemDialog::ConfigProblemDialog(const QString &path, const QList<UiText> &problems,
                                         Loader load, QWidget *parent)
    : QDialog(parent), m_path(path), m_load(std::move(load)), m_problems(new QPlainTextEdit(this)),
      m_watcher(new QFileSystemWatcher(this)), m_settle(new QTimer(this))
{
    setObjectName(QStringLiteral("configProblem"));
    setWindowTitle(tr("QCC — the config file needs fixing"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("The proxy is not running: QCC cannot use its config file\n%1\n\nFix what is listed "
           "below and save the file; QCC starts the proxy as soon as the file is valid.")
            .arg(QDir::toNativeSeparators(path)),
        this);
    intro->setWordWrap(true);
    intro->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(intro);
    m_problems->setReadOnly(true); // selectable and copyable, never clipped
    m_problems->setObjectName(QStringLiteral("problems"));
    layout->addWidget(m_problems, 1);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *open = buttons->addButton(tr("Open in text editor"), QDialogButtonBox::ActionRole);
    QPushButton *folder = buttons->addButton(tr("Show folder"), QDialogButtonBox::ActionRole);
    QPushButton *again = buttons->addButton(tr("Check again"), QDialogButtonBox::ActionRole);
    QPushButton *quit = buttons->addButton(tr("Quit QCC"), QDialogButtonBox::RejectRole);
    open->setObjectName(QStringLiteral("openFile"));
    folder->setObjectName(QStringLiteral("showFolder"));
    again->setObjectName(QStringLiteral("checkAgain"));
    quit->setObjectName(QStringLiteral("quit"));
    connect(open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_path)); });
    connect(folder, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_path).absolutePath()));
    });
    connect(again, &QPushButton::clicked, this, &ConfigProblemDialog::check);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 360);

    // Editors save by replacing the file: watch its folder too, and let a burst of writes settle.
    m_settle->setSingleShot(true);
    m_settle->setInterval(300);
    connect(m_settle, &QTimer::timeout, this, &ConfigProblemDialog::check);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_settle, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_settle,
            qOverload<>(&QTimer::start));
    watch();
    showProblems(problems);
}

void ConfigProblemDialog::watch()
{
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!m_watcher->directories().contains(dir))
        m_watcher->addPath(dir);
    if (QFileInfo::exists(m_path) && !m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path); // again after each replacement
}

bool ConfigProblemDialog::check()
{
    watch();
    const ConfigResult r = m_load();
    if (!r.config) {
        showProblems(r.errors);
        return false;
    }
    m_config = r.config;
    accept();
    return true;
}

void ConfigProblemDialog::showProblems(const QList<UiText> &problems)
{
    m_problems->setPlainText(UiText::lines(problems).localized());
}

QString ConfigProblemDialog::problemText() const
{
    return m_problems->toPlainText();
}

} // namespace qcc
