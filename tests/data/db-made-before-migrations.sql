BEGIN TRANSACTION;
CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',
            created REAL NOT NULL
        );
INSERT INTO "audit" VALUES(1,'audit-actor','audit-action','audit-target','audit-detail',1.79630038548532557484e+09);
CREATE TABLE broadcast_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO "broadcast_meta" VALUES('install','5c5f4bcb');
CREATE TABLE broadcast_sends (
            id INTEGER PRIMARY KEY,
            broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id),
            occurrence TEXT NOT NULL,
            region TEXT NOT NULL,
            due REAL NOT NULL,
            status TEXT NOT NULL DEFAULT 'scheduled',
            clientmsgid TEXT NOT NULL UNIQUE,
            text TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            claimed REAL,
            claimed_by TEXT,
            sent REAL,
            msg_id INTEGER,
            msg_data_id INTEGER,
            note TEXT NOT NULL DEFAULT '',
            error TEXT NOT NULL DEFAULT '',
            UNIQUE (broadcast_id, occurrence, region)
        );
INSERT INTO "broadcast_sends" VALUES(1,1,'broadcast_sends-occurrence','broadcast_sends-region',1.79630038548532557484e+09,'broadcast_sends-status','broadcast_sends-clientmsgid','broadcast_sends-text',1,1.79630038548532557484e+09,'broadcast_sends-claimed_by',1.79630038548532557484e+09,1,1,'broadcast_sends-note','broadcast_sends-error');
CREATE TABLE broadcasts (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            template TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            regions TEXT NOT NULL,
            once_at REAL,
            daily_at TEXT,
            first_day TEXT,
            last_day TEXT,
            created_by TEXT NOT NULL,
            created REAL NOT NULL,
            updated REAL NOT NULL,
            cancelled REAL,
            cancelled_by TEXT
        );
INSERT INTO "broadcasts" VALUES(1,'broadcasts-kind','broadcasts-template','broadcasts-title','broadcasts-body','broadcasts-regions',1.79630038548532557484e+09,'broadcasts-daily_at','broadcasts-first_day','broadcasts-last_day','broadcasts-created_by',1.79630038548532557484e+09,1.79630038548532557484e+09,1.79630038548532557484e+09,'broadcasts-cancelled_by');
CREATE TABLE complaint_events (
            id INTEGER PRIMARY KEY,
            complaint_id INTEGER NOT NULL REFERENCES complaints(id),
            status TEXT NOT NULL,
            note TEXT NOT NULL,
            actor TEXT NOT NULL,
            created REAL NOT NULL
        );
INSERT INTO "complaint_events" VALUES(1,1,'complaint_events-status','complaint_events-note','complaint_events-actor',1.79630038548532557484e+09);
CREATE TABLE complaints (
            id INTEGER PRIMARY KEY,
            case_no TEXT NOT NULL UNIQUE,
            openid TEXT,
            user_hash TEXT NOT NULL,
            region TEXT,
            employer TEXT NOT NULL,
            site TEXT NOT NULL,
            amount INTEGER NOT NULL,
            period TEXT NOT NULL,
            workers INTEGER NOT NULL,
            phone TEXT,
            name TEXT,
            status TEXT NOT NULL DEFAULT '待受理',
            note TEXT NOT NULL DEFAULT '',
            notified INTEGER NOT NULL DEFAULT 1,
            created REAL NOT NULL,
            updated REAL NOT NULL,
            anonymised INTEGER NOT NULL DEFAULT 0
        );
INSERT INTO "complaints" VALUES(1,'complaints-case_no','complaints-openid','complaints-user_hash','complaints-region','complaints-employer','complaints-site',1,'complaints-period',1,'complaints-phone','complaints-name','complaints-status','complaints-note',1,1.79630038548532557484e+09,1.79630038548532557484e+09,1);
CREATE TABLE desk_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO "desk_secrets" VALUES('desk_secrets-name','desk_secrets-value');
CREATE TABLE desk_sessions (
            token_hash TEXT PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            created REAL NOT NULL
        );
INSERT INTO "desk_sessions" VALUES('desk_sessions-token_hash',1,1.79630038548532557484e+09);
CREATE TABLE login_attempts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            ip TEXT NOT NULL,
            created REAL NOT NULL
        );
INSERT INTO "login_attempts" VALUES(1,'login_attempts-name','login_attempts-ip',1.79630038548532557484e+09);
CREATE TABLE login_locks (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            until REAL NOT NULL,
            PRIMARY KEY (kind, key)
        );
INSERT INTO "login_locks" VALUES('login_locks-kind','login_locks-key',1.79630038548532557484e+09);
CREATE TABLE mass_results (
            msg_id INTEGER PRIMARY KEY,
            status TEXT NOT NULL,
            total INTEGER,
            filter_count INTEGER,
            sent_count INTEGER,
            error_count INTEGER,
            received REAL NOT NULL
        );
INSERT INTO "mass_results" VALUES(1,'mass_results-status',1,1,1,1,1.79630038548532557484e+09);
CREATE TABLE processed (
    key TEXT PRIMARY KEY,
    reply TEXT,
    created REAL NOT NULL
);
INSERT INTO "processed" VALUES('msg:o-wang:1','【全国·失业保险】失业了可以申请失业保险待遇，专项行动期间各地开通了快速申领通道。
1. 能领什么：符合条件的，领失业保险待遇；有的还能领临时生活补助。钱发给失业人员本人，不是发给单位。
2. 去哪办：向当地人社部门申请，走快速申领通道。
3. 先问清楚：条件、材料和线上渠道各地不同，拨打 12333 问当地人社。
4. 暂时找不到工作的：可以问当地有没有消杀防疫、保洁环卫、社区服务等临时岗位。
（依据：人社部等七部门《迎新春送温暖、稳岗留工专项行动通知》，2021年1月14日）
⚠ 这项活动已于2021年3月31日结束，现在怎么办请先拨打 12333 问清楚。',1.79630038548216247563e+09);
INSERT INTO "processed" VALUES('msg:o-wang:2','【安庆·欠薪维权】被拖欠工资，拨 12333 投诉，或申请法律援助打官司，欠薪案件当天受理。安庆正在开展根治欠薪冬季专项行动。
1. 留证据：考勤、工资条、转账记录，记下老板或包工头的姓名和干活地点。
2. 投诉：拨 12333 人社热线，或到当地劳动保障监察投诉。
3. 法律援助：到法律援助中心农民工窗口，当天受理、当天指派；2月28日前凭村委会、社居委或单位开的“在当地过年”证明，不用审查经济困难。先咨询拨 12348。
4. 劳动仲裁有绿色通道，农民工优先办理。
（依据：安庆市稳岗留工工作简报第3期，2021年2月9日）
⚠ 这项活动已于2021年3月31日结束，现在怎么办请先拨打 12333 问清楚。
👉 想让我帮你登记投诉，回复「投诉」。',1.79630038548264694218e+09);
INSERT INTO "processed" VALUES('msg:o-wang:3','这个问题我还答不上来，已经记下来交给工作人员。
我能回答：失业金、欠薪、法律援助、留岗补贴、加班费、找工作、培训、临时救助、留守老人孩子、过年活动。回复「菜单」看编号。
着急的话请拨打 12333。',1.79630038548288869853e+09);
INSERT INTO "processed" VALUES('msg:o-wang:4','这个问题我还答不上来，已经记下来交给工作人员。
我能回答：失业金、欠薪、法律援助、留岗补贴、加班费、找工作、培训、临时救助、留守老人孩子、过年活动。回复「菜单」看编号。
着急的话请拨打 12333。',1.79630038548316025735e+09);
INSERT INTO "processed" VALUES('msg:o-wang:5','这个问题我还答不上来，已经记下来交给工作人员。
我能回答：失业金、欠薪、法律援助、留岗补贴、加班费、找工作、培训、临时救助、留守老人孩子、过年活动。回复「菜单」看编号。
着急的话请拨打 12333。',1.796300385483383894e+09);
INSERT INTO "processed" VALUES('msg:o-wang:6','这个问题我还答不上来，已经记下来交给工作人员。
我能回答：失业金、欠薪、法律援助、留岗补贴、加班费、找工作、培训、临时救助、留守老人孩子、过年活动。回复「菜单」看编号。
着急的话请拨打 12333。',1.79630038548359751704e+09);
INSERT INTO "processed" VALUES('msg:o-wang:7','【安庆·法律援助】讨薪、要工钱可以申请免费法律援助，2月28日前申请不用审查经济困难。
1. 准备：身份证；村委会、社居委或单位、企业开的“在当地过年”证明；欠薪凭据（考勤、工资条等）。
2. 去哪：法律援助中心的农民工服务窗口，欠薪案件当天受理、当天指派。
3. 先咨询：拨打 12348 或网上咨询，不用跑腿；法律援助也会上门到企业、工地。
4. 因疫情没能按时到岗引发纠纷的，特事特办、快速受理；劳动仲裁、公证有绿色通道，农民工、企业员工优先办理。
（依据：安庆市稳岗留工工作简报第3期，2021年2月9日）
⚠ 这项活动已于2021年2月28日结束，现在怎么办请先拨打 12348 问清楚。',1.79630038548379778861e+09);
INSERT INTO "processed" VALUES('msg:o-wang:8','这个问题我还答不上来，已经记下来交给工作人员。
我能回答：失业金、欠薪、法律援助、留岗补贴、加班费、找工作、培训、临时救助、留守老人孩子、过年活动。回复「菜单」看编号。
着急的话请拨打 12333。',1.79630038548400545114e+09);
INSERT INTO "processed" VALUES('msg:o-wang:9','这个问题我还答不上来，已经记下来交给工作人员。
我能回答：失业金、欠薪、法律援助、留岗补贴、加班费、找工作、培训、临时救助、留守老人孩子、过年活动。回复「菜单」看编号。
着急的话请拨打 12333。',1.7963003854841892719e+09);
INSERT INTO "processed" VALUES('msg:o-wang:10','这个问题我还答不上来，已经记下来交给工作人员。
我能回答：失业金、欠薪、法律援助、留岗补贴、加班费、找工作、培训、临时救助、留守老人孩子、过年活动。回复「菜单」看编号。
着急的话请拨打 12333。',1.796300385484386921e+09);
INSERT INTO "processed" VALUES('msg:o-li:11','【大连·春节加班】2021年春节的法定假日是正月初一、初二、初三，这3天上班至少拿3倍工资；其余放假日是调休的休息日，上班先安排补休，不补休至少拿2倍。
1. 大连要求企业和职工协商错峰放假、调休，依法保障工资和加班待遇。
2. 留岗红包是加班工资之外另给的，不能抵加班费。
3. 平时工作日延长工作时间，至少1.5倍。
4. 加班费不对或不给：拨12333投诉。
（依据：大连市支持企业稳岗留工若干举措，2021年1月21日）
⚠ 这项活动已于2021年3月31日结束，现在怎么办请先拨打 12333 问清楚。',1.79630038548482489583e+09);
INSERT INTO "processed" VALUES('msg:o-li:12','【大连·过年活动】过年活动先问单位人事或工会：大连要求企业给留连过年的外地员工送温暖，送福字、发慰问信、上门走访，并组织节日文化活动。
1. 问单位：本单位春节安排了哪些活动和慰问。
2. 留岗红包：企业发不发、发多少由企业定；发了红包的企业可以向政府申请补贴，补贴给企业，不给个人。
3. 其他问题：拨12333。
（依据：大连市支持企业稳岗留工若干举措，2021年1月21日）
⚠ 这项活动已于2021年2月28日结束，现在怎么办请先拨打 12333 问清楚。',1.79630038548510742191e+09);
INSERT INTO "processed" VALUES('evt:o-li:1700000100:subscribe:','欢迎关注留工助手！留在打工地过年，有难处就问我。

我是留工助手，回复数字就能问：
1 失业金  2 欠薪维权  3 法律援助
4 留岗补贴  5 春节加班费  6 找工作
7 技能培训  8 临时救助  9 留守老人孩子
10 过年活动
也可以直接打字或发语音提问。
当前按【大连】的政策回答，换地方就说「我在大连」这样。',1.79630038548525810234e+09);
CREATE TABLE region_tags (region TEXT PRIMARY KEY, tag_id INTEGER NOT NULL, name TEXT NOT NULL);
INSERT INTO "region_tags" VALUES('region_tags-region',1,'region_tags-name');
CREATE TABLE scheduler_state (name TEXT PRIMARY KEY, holder TEXT NOT NULL, pid INTEGER NOT NULL, started REAL NOT NULL, last_poll REAL NOT NULL);
INSERT INTO "scheduler_state" VALUES('scheduler_state-name','scheduler_state-holder',1,1.79630038548532557484e+09,1.79630038548532557484e+09);
CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('hotline', 'official', 'admin')),
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created REAL NOT NULL
        );
INSERT INTO "staff" VALUES(1,'staff-name','hotline','staff-password_hash',1,1.79630038548532557484e+09);
CREATE TABLE unanswered (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    region TEXT,
    created REAL NOT NULL
);
INSERT INTO "unanswered" VALUES(1,'张三建筑公司','e976064e0d51','anqing',1.79630038548283886912e+09);
INSERT INTO "unanswered" VALUES(2,'安庆宜秀区工地','e976064e0d51','anqing-yixiu',1.79630038548312520978e+09);
INSERT INTO "unanswered" VALUES(3,'8000','e976064e0d51','anqing-yixiu',1.79630038548335528372e+09);
INSERT INTO "unanswered" VALUES(4,'两个月','e976064e0d51','anqing-yixiu',1.7963003854835720062e+09);
INSERT INTO "unanswered" VALUES(5,'13912345678','e976064e0d51','anqing-yixiu',1.79630038548397612564e+09);
INSERT INTO "unanswered" VALUES(6,'王五','e976064e0d51','anqing-yixiu',1.79630038548416519168e+09);
INSERT INTO "unanswered" VALUES(7,'确认','e976064e0d51','anqing-yixiu',1.79630038548436331748e+09);
CREATE TABLE users (
    openid TEXT PRIMARY KEY,
    region TEXT,
    subscribed INTEGER NOT NULL DEFAULT 1,
    followed INTEGER NOT NULL DEFAULT 1,
    last_seen REAL NOT NULL DEFAULT 0,
    state TEXT,
    cases INTEGER NOT NULL DEFAULT 0
, tags_dirty INTEGER NOT NULL DEFAULT 1, tags_synced TEXT NOT NULL DEFAULT '[]');
INSERT INTO "users" VALUES('o-wang','anqing-yixiu',1,1,1.79630038548437356944e+09,NULL,0,1,'[]');
INSERT INTO "users" VALUES('o-li','dalian',1,1,1.79630038548524260519e+09,NULL,0,1,'[]');
CREATE INDEX processed_created ON processed(created);
CREATE INDEX complaints_openid ON complaints(openid);
CREATE INDEX complaints_status ON complaints(status, created);
CREATE INDEX login_attempts_name ON login_attempts(name, created);
CREATE INDEX login_attempts_ip ON login_attempts(ip, created);
CREATE INDEX audit_target ON audit(target, id);
CREATE INDEX users_tags_dirty ON users(tags_dirty) WHERE tags_dirty = 1;
CREATE TRIGGER users_tags_changed
            AFTER UPDATE OF region, subscribed, followed ON users
            WHEN old.region IS NOT new.region OR old.subscribed IS NOT new.subscribed
                 OR old.followed IS NOT new.followed
            BEGIN
                UPDATE users SET tags_dirty = 1 WHERE openid = new.openid;
            END;
CREATE INDEX broadcast_sends_status ON broadcast_sends(status, due);
CREATE INDEX broadcast_sends_msg ON broadcast_sends(msg_id);
COMMIT;
