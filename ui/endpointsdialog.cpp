#include "endpointsdialog.h"

#include "config/importexport.h"
#include "engine/enginehost.h"
#include "platform/atomicfile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace qcc {

QString modelMapProblem(const QString &text, QMap<QString, QString> *map)
{
    QMap<QString, QString> read;
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype eq = line.indexOf(u'=');
        const QString from = line.left(eq).trimmed(), to = line.mid(eq + 1).trimmed();
        if (eq < 0 || from.isEmpty() || to.isEmpty())
            return QObject::tr("Rename models, line %1: write it as the name Claude Code asks "
                               "for = the name this endpoint uses")
                .arg(i + 1);
        if (read.contains(from))
            return QObject::tr("Rename models, line %1: %2 is renamed twice").arg(i + 1).arg(from);
        read.insert(from, to);
    }
    if (map)
        *map = read;
    return QString();
}

QString modelMapText(const QMap<QString, QString> &map)
{
    QStringList lines;
    for (auto it = map.begin(); it != map.end(); ++it)
        lines.append(it.key() + QStringLiteral(" = ") + it.value());
    return lines.join(u'\n');
}

QString keyProblem(const QString &text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            return QObject::tr("The key contains spaces or line breaks; paste it again");
    }
    return QString();
}

EndpointsDialog::EndpointsDialog(EngineHost *host, QWidget *parent) : QDialog(parent), m_host(host)
{
    setObjectName(QStringLiteral("endpointsDialog"));
    setWindowTitle(tr("QCC — Endpoints"));
    m_welcome = new QLabel;
    m_welcome->setObjectName(QStringLiteral("welcome"));
    m_welcome->setWordWrap(true);
    m_welcome->hide();
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("endpointList"));
    m_add = new QPushButton(tr("&Add"));
    m_remove = new QPushButton(tr("Re&move"));
    // No Up/Down: the list's order is the file's, and routing follows tiers, weights and the
    // user's pick (the tray menu's "Use endpoint"), never a position in a list.
    auto *listButtons = new QHBoxLayout;
    for (QPushButton *b : {m_add, m_remove})
        listButtons->addWidget(b);
    m_import = new QPushButton(tr("&Import…"));
    m_import->setToolTip(tr("From the earlier QCC (~/.fastcc/cache.json) or a QCC export file"));
    m_export = new QPushButton(tr("E&xport…"));
    auto *fileButtons = new QHBoxLayout;
    fileButtons->addWidget(m_import);
    fileButtons->addWidget(m_export);
    fileButtons->addStretch();
    auto *left = new QVBoxLayout;
    left->addWidget(m_list);
    left->addLayout(listButtons);
    left->addLayout(fileButtons);

    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("name"));
    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("baseUrl"));
    m_url->setPlaceholderText(QStringLiteral("https://api.anthropic.com"));
    m_key = new QLineEdit;
    m_key->setObjectName(QStringLiteral("apiKey"));
    m_key->setEchoMode(QLineEdit::Password);
    m_keyEnv = new QLineEdit;
    m_keyEnv->setObjectName(QStringLiteral("apiKeyEnv"));
    m_keyEnv->setPlaceholderText(tr("or the name of an environment variable"));
    m_auth = new QComboBox;
    m_auth->addItem(tr("x-api-key header"), QStringLiteral("x-api-key"));
    m_auth->addItem(tr("Authorization: Bearer"), QStringLiteral("bearer"));
    m_auth->addItem(tr("both"), QStringLiteral("both"));
    m_tier = new QComboBox;
    m_tier->setObjectName(QStringLiteral("tier"));
    m_tier->addItem(tr("primary"), QStringLiteral("primary"));
    m_tier->addItem(tr("secondary (only when no primary works)"), QStringLiteral("secondary"));
    m_weight = new QSpinBox;
    m_weight->setRange(1, 10000);
    m_enabled = new QCheckBox(tr("Use this endpoint"));
    m_proxy = new QLineEdit;
    m_proxy->setObjectName(QStringLiteral("proxy"));
    m_proxy->setPlaceholderText(
        QStringLiteral("none | system | http://host:port | socks5://host:port"));
    m_verifyModel = new QLineEdit;
    m_verifyModel->setObjectName(QStringLiteral("verifyModel"));
    m_verifyModel->setToolTip(tr("The model this endpoint's checks ask for, for a relay that does "
                                 "not serve the default one (or names it differently)."));
    m_modelMap = new QPlainTextEdit;
    m_modelMap->setObjectName(QStringLiteral("modelMap"));
    m_modelMap->setPlaceholderText(tr("claude-sonnet-4-5 = the name this endpoint uses\n"
                                      "(one per line; models not listed keep their names)"));
    m_modelMap->setToolTip(tr("For a relay that names models differently: requests sent to this "
                              "endpoint ask for its name instead. Other endpoints get the request "
                              "as Claude Code sent it."));
    m_modelMap->setTabChangesFocus(true);
    m_modelMap->setFixedHeight(m_modelMap->fontMetrics().lineSpacing() * 4);
    m_test = new QPushButton(tr("&Test"));
    m_test->setObjectName(QStringLiteral("test"));
    m_testResult = new QLabel;
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_problems = new QLabel;
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_problems->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Base URL"), m_url);
    form->addRow(tr("API key"), m_key);
    form->addRow(QString(), m_keyEnv);
    form->addRow(tr("Send key as"), m_auth);
    form->addRow(tr("Tier"), m_tier);
    form->addRow(tr("Weight"), m_weight);
    form->addRow(QString(), m_enabled);
    form->addRow(tr("Upstream proxy"), m_proxy);
    form->addRow(tr("Check with model"), m_verifyModel);
    form->addRow(tr("Rename models"), m_modelMap);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    form->addRow(QString(), testRow);
    form->addRow(QString(), m_problems);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addLayout(form, 3);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel |
                                     QDialogButtonBox::Apply);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_welcome);
    layout->addLayout(columns);
    layout->addWidget(m_buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        storeEndpoint();
        showEndpoint(row);
    });
    for (QLineEdit *e : {m_name, m_url, m_key, m_keyEnv, m_proxy, m_verifyModel})
        connect(e, &QLineEdit::textChanged, this, [this] {
            storeEndpoint();
            validate();
        });
    connect(m_modelMap, &QPlainTextEdit::textChanged, this, [this] {
        storeEndpoint();
        validate();
    });
    for (QComboBox *c : {m_auth, m_tier})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            storeEndpoint();
            validate();
        });
    connect(m_weight, &QSpinBox::valueChanged, this, [this] { storeEndpoint(); });
    connect(m_enabled, &QCheckBox::toggled, this, [this] { storeEndpoint(); });
    connect(m_add, &QPushButton::clicked, this, &EndpointsDialog::addEndpoint);
    connect(m_import, &QPushButton::clicked, this, &EndpointsDialog::importEndpoints);
    connect(m_export, &QPushButton::clicked, this, &EndpointsDialog::exportEndpoints);
    connect(m_remove, &QPushButton::clicked, this, &EndpointsDialog::removeEndpoint);
    connect(m_test, &QPushButton::clicked, this, [this] {
        storeEndpoint();
        if (m_current < 0)
            return;
        EndpointConfig ep = m_endpoints[m_current];
        if (!ep.apiKey.isEmpty())
            ep.key = ep.apiKey;
        else if (!ep.apiKeyEnv.isEmpty())
            ep.key = qEnvironmentVariable(qPrintable(ep.apiKeyEnv));
        // else: a key from the keychain, already resolved in ep.key
        if (ep.id.isEmpty())
            ep.effectiveId = deriveEndpointId(ep.baseUrl, ep.keySource());
        m_testResult->setText(tr("Testing…"));
        m_host->testEndpoint(ep);
    });
    connect(host, &EngineHost::testFinished, this,
            [this](const QString &name, bool ok, const UiText &message, qint64 ms) {
                m_testResult->setText(ok ? tr("%1: works (%2 ms)").arg(name).arg(ms)
                                         : tr("%1: failed — %2").arg(name, message.localized()));
            });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &EndpointsDialog::apply);
    reload();
    resize(820, 440);
}

void EndpointsDialog::setWelcome(const QString &text)
{
    m_welcome->setText(text);
    m_welcome->setVisible(!text.isEmpty());
}

void EndpointsDialog::reload()
{
    m_config = m_host->config();
    m_endpoints = m_config.activeEndpoints();
    m_current = -1;
    refreshList();
    m_list->setCurrentRow(m_endpoints.isEmpty() ? -1 : 0);
    showEndpoint(m_list->currentRow());
}

void EndpointsDialog::refreshList()
{
    m_loading = true;
    const int row = m_list->currentRow();
    m_list->clear();
    for (const EndpointConfig &ep : std::as_const(m_endpoints))
        m_list->addItem(QStringLiteral("%1  (%2)")
                            .arg(ep.name.isEmpty() ? ep.baseUrl : ep.name,
                                 ep.tier == Tier::Primary ? tr("primary") : tr("secondary")));
    m_list->setCurrentRow(qMin(row, int(m_endpoints.size()) - 1));
    m_loading = false;
}

void EndpointsDialog::selectEndpoint(const QString &id)
{
    for (int i = 0; i < m_endpoints.size(); ++i) {
        if (m_endpoints[i].effectiveId == id)
            m_list->setCurrentRow(i);
    }
}

void EndpointsDialog::showEndpoint(int row)
{
    m_loading = true;
    m_current = row;
    const bool any = row >= 0 && row < m_endpoints.size();
    for (QWidget *w : std::initializer_list<QWidget *>{m_name, m_url, m_key, m_keyEnv, m_auth,
                                                       m_tier, m_weight, m_enabled, m_proxy,
                                                       m_verifyModel, m_modelMap, m_test, m_remove})
        w->setEnabled(any);
    const EndpointConfig ep = any ? m_endpoints[row] : EndpointConfig();
    m_name->setText(ep.name);
    m_url->setText(ep.baseUrl);
    m_key->setText(ep.apiKey);
    m_key->setPlaceholderText(ep.keyInKeychain ? tr("stored in the keychain — type to replace")
                                               : QString());
    m_keyEnv->setText(ep.apiKeyEnv);
    m_auth->setCurrentIndex(m_auth->findData(authName(ep.auth)));
    m_tier->setCurrentIndex(m_tier->findData(tierName(ep.tier)));
    m_weight->setValue(ep.weight);
    m_enabled->setChecked(ep.enabled);
    m_proxy->setText(ep.proxy);
    m_verifyModel->setText(ep.verifyModel);
    m_verifyModel->setPlaceholderText(tr("default: %1").arg(m_host->config().verify.model));
    m_modelMap->setPlainText(modelMapText(ep.modelMap));
    m_testResult->clear();
    m_loading = false;
    validate();
}

void EndpointsDialog::storeEndpoint()
{
    if (m_loading || m_current < 0 || m_current >= m_endpoints.size())
        return;
    EndpointConfig &ep = m_endpoints[m_current];
    ep.name = m_name->text().trimmed();
    ep.baseUrl = m_url->text().trimmed();
    ep.apiKey = m_key->text().trimmed();
    ep.apiKeyEnv = m_keyEnv->text().trimmed();
    if (!ep.apiKey.isEmpty() || !ep.apiKeyEnv.isEmpty())
        ep.keyInKeychain =
            false; // a new key replaces the stored one (it goes to the keychain on save)
    ep.auth = m_auth->currentData().toString() == QLatin1String("bearer") ? AuthStyle::Bearer
              : m_auth->currentData().toString() == QLatin1String("both") ? AuthStyle::Both
                                                                          : AuthStyle::XApiKey;
    ep.tier = m_tier->currentData().toString() == QLatin1String("secondary") ? Tier::Secondary
                                                                             : Tier::Primary;
    ep.weight = m_weight->value();
    ep.enabled = m_enabled->isChecked();
    ep.proxy =
        m_proxy->text().trimmed().isEmpty() ? QStringLiteral("none") : m_proxy->text().trimmed();
    ep.verifyModel = m_verifyModel->text().trimmed();
    modelMapProblem(m_modelMap->toPlainText(), &ep.modelMap); // kept as it was while invalid
    if (QListWidgetItem *item = m_list->item(m_current))
        item->setText(QStringLiteral("%1  (%2)")
                          .arg(ep.name.isEmpty() ? ep.baseUrl : ep.name,
                               ep.tier == Tier::Primary ? tr("primary") : tr("secondary")));
}

void EndpointsDialog::validate()
{
    QStringList problems;
    auto mark = [](QLineEdit *e, const QString &problem) {
        e->setStyleSheet(problem.isEmpty() ? QString()
                                           : QStringLiteral("border: 1px solid #c0392b"));
        e->setToolTip(problem);
        return problem;
    };
    if (m_current >= 0) {
        // The config's own checks, worded for this form.
        const QString url = m_url->text().trimmed(), proxy = m_proxy->text().trimmed();
        const UiText urlProblem = baseUrlProblem(url), proxyWrong = proxyProblem(proxy);
        problems << mark(m_url, url.isEmpty() ? tr("Enter the endpoint's base URL, e.g. "
                                                   "https://api.anthropic.com")
                                : urlProblem.isEmpty()
                                    ? QString()
                                    : tr("Base URL: %1").arg(urlProblem.localized()))
                 << mark(m_key, keyProblem(m_key->text()))
                 << mark(m_proxy, proxy.isEmpty() || proxyWrong.isEmpty()
                                      ? QString()
                                      : tr("Upstream proxy: %1").arg(proxyWrong.localized()));
        const QString mapProblem = modelMapProblem(m_modelMap->toPlainText(), nullptr);
        m_modelMap->setStyleSheet(
            mapProblem.isEmpty() ? QString() : QStringLiteral("border: 1px solid #c0392b"));
        problems << mapProblem;
        if (!m_key->text().isEmpty() && !m_keyEnv->text().isEmpty())
            problems << tr("Give either a key or an environment variable, not both");
    }
    problems.removeAll(QString());
    m_problems->setText(problems.join(u'\n'));
    for (QPushButton *b : {m_buttons->button(QDialogButtonBox::Ok),
                           m_buttons->button(QDialogButtonBox::Apply), m_test})
        b->setEnabled(problems.isEmpty() && (b != m_test || m_current >= 0));
}

void EndpointsDialog::addEndpoint()
{
    storeEndpoint();
    EndpointConfig ep;
    ep.name = tr("new endpoint");
    ep.baseUrl = QStringLiteral("https://");
    m_endpoints.append(ep);
    refreshList();
    m_list->setCurrentRow(int(m_endpoints.size()) - 1);
    m_url->setFocus();
}

void EndpointsDialog::removeEndpoint()
{
    if (m_current < 0)
        return;
    m_endpoints.removeAt(m_current);
    m_current = -1;
    refreshList();
    showEndpoint(m_list->currentRow());
}

bool EndpointsDialog::importFrom(const QString &path, QString *report)
{
    storeEndpoint();
    const ImportResult r = importFile(path);
    Config next = m_host->config();
    for (ClusterConfig &c : next.clusters) {
        if (c.name == next.activeCluster)
            c.endpoints = m_endpoints; // keep unsaved edits
    }
    const int added = mergeClusters(&next, r.clusters);
    UiText error;
    if (added > 0 && !m_host->applyConfig(next, &error)) {
        *report = error.localized();
        return false;
    }
    QStringList lines = {tr("%n endpoint(s) imported.", nullptr, added)};
    for (const UiText &problem : r.problems)
        lines.append(problem.localized());
    *report = lines.join(u'\n');
    reload();
    return added > 0 || r.problems.isEmpty();
}

void EndpointsDialog::importEndpoints()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import endpoints"), QDir::homePath() + QStringLiteral("/.fastcc/cache.json"),
        tr("JSON files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString report;
    const bool ok = importFrom(path, &report);
    if (ok)
        QMessageBox::information(this, tr("Import"), report);
    else
        QMessageBox::warning(this, tr("Import"), report);
}

void EndpointsDialog::exportEndpoints()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export endpoints"), QDir::homePath() + QStringLiteral("/qcc-endpoints.json"),
        tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    const bool withKeys =
        QMessageBox::question(
            this, tr("Export"),
            tr("Include the API keys in the file?\nAnyone who gets the file can then use them."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
    QString error;
    if (!writeFileAtomically(path, exportClusters(m_host->config().clusters, withKeys), &error))
        QMessageBox::warning(this, tr("Export"), error);
}

bool EndpointsDialog::apply()
{
    storeEndpoint();
    Config next = m_host->config();
    for (ClusterConfig &c : next.clusters) {
        if (c.name == next.activeCluster)
            c.endpoints = m_endpoints;
    }
    UiText error;
    if (!m_host->applyConfig(next, &error)) {
        m_lastError = error.localized();
        m_problems->setText(m_lastError);
        return false;
    }
    m_lastError.clear();
    m_config = m_host->config();
    m_endpoints = m_config.activeEndpoints();
    return true;
}

} // namespace qcc
