// Package instrument times every call to stride's services, for the
// server's metrics: wrap the services once and every store call reports
// its service, method, duration and error to an Observer. It adds no
// dependency; the http package turns observations into Prometheus metrics.
package instrument

import (
	"context"
	"time"

	"github.com/strideapp/stride"
)

// Observer receives one store call: the service ("goal", "step", ...), the
// method, how long it took and its error.
type Observer func(service, method string, d time.Duration, err error)

// Services returns s with every service wrapped to report to obs. Nil
// services stay nil; Close is passed through.
func Services(s *stride.Services, obs Observer) *stride.Services {
	w := *s
	if s.Users != nil {
		w.Users = users{s.Users, obs}
	}
	if s.Goals != nil {
		w.Goals = goals{s.Goals, obs}
	}
	if s.Steps != nil {
		w.Steps = steps{s.Steps, obs}
	}
	if s.Status != nil {
		w.Status = statuses{s.Status, obs}
	}
	if s.Auth != nil {
		w.Auth = auths{s.Auth, obs}
	}
	if s.Lessons != nil {
		w.Lessons = lessons{s.Lessons, obs}
	}
	if s.Doubts != nil {
		w.Doubts = doubts{s.Doubts, obs}
	}
	if s.Focus != nil {
		w.Focus = foci{s.Focus, obs}
	}
	if s.Works != nil {
		w.Works = works{s.Works, obs}
	}
	if s.Wins != nil {
		w.Wins = wins{s.Wins, obs}
	}
	if s.Reviews != nil {
		w.Reviews = reviews{s.Reviews, obs}
	}
	if s.Backup != nil {
		w.Backup = backups{s.Backup, obs}
	}
	return &w
}

func timed[T any](obs Observer, svc, method string, f func() (T, error)) (T, error) {
	start := time.Now()
	v, err := f()
	obs(svc, method, time.Since(start), err)
	return v, err
}

func timedErr(obs Observer, svc, method string, f func() error) error {
	start := time.Now()
	err := f()
	obs(svc, method, time.Since(start), err)
	return err
}

type users struct {
	next stride.UserService
	obs  Observer
}

var _ stride.UserService = users{}

func (w users) FindUserByName(ctx context.Context, name string) (*stride.User, error) {
	return timed(w.obs, "user", "FindUserByName", func() (*stride.User, error) { return w.next.FindUserByName(ctx, name) })
}

func (w users) FindUsers(ctx context.Context) ([]*stride.User, error) {
	return timed(w.obs, "user", "FindUsers", func() ([]*stride.User, error) { return w.next.FindUsers(ctx) })
}

func (w users) CreateUser(ctx context.Context, u *stride.User) error {
	return timedErr(w.obs, "user", "CreateUser", func() error { return w.next.CreateUser(ctx, u) })
}

func (w users) EnsureUser(ctx context.Context, name string) (*stride.User, error) {
	return timed(w.obs, "user", "EnsureUser", func() (*stride.User, error) { return w.next.EnsureUser(ctx, name) })
}

type goals struct {
	next stride.GoalService
	obs  Observer
}

var _ stride.GoalService = goals{}

func (w goals) FindGoalByID(ctx context.Context, id int64) (*stride.Goal, error) {
	return timed(w.obs, "goal", "FindGoalByID", func() (*stride.Goal, error) { return w.next.FindGoalByID(ctx, id) })
}

func (w goals) FindGoalByName(ctx context.Context, name string) (*stride.Goal, error) {
	return timed(w.obs, "goal", "FindGoalByName", func() (*stride.Goal, error) { return w.next.FindGoalByName(ctx, name) })
}

func (w goals) FindGoals(ctx context.Context, filter stride.GoalFilter) ([]*stride.Goal, error) {
	return timed(w.obs, "goal", "FindGoals", func() ([]*stride.Goal, error) { return w.next.FindGoals(ctx, filter) })
}

func (w goals) CreateGoal(ctx context.Context, g *stride.Goal) error {
	return timedErr(w.obs, "goal", "CreateGoal", func() error { return w.next.CreateGoal(ctx, g) })
}

func (w goals) UpdateGoal(ctx context.Context, id int64, upd stride.GoalUpdate) (*stride.Goal, error) {
	return timed(w.obs, "goal", "UpdateGoal", func() (*stride.Goal, error) { return w.next.UpdateGoal(ctx, id, upd) })
}

func (w goals) SetTarget(ctx context.Context, id int64, t stride.Target) (*stride.Goal, error) {
	return timed(w.obs, "goal", "SetTarget", func() (*stride.Goal, error) { return w.next.SetTarget(ctx, id, t) })
}

func (w goals) SetGoalState(ctx context.Context, id int64, state stride.GoalState) (*stride.Goal, error) {
	return timed(w.obs, "goal", "SetGoalState", func() (*stride.Goal, error) { return w.next.SetGoalState(ctx, id, state) })
}

func (w goals) PauseGoal(ctx context.Context, id int64, from stride.Date, until *stride.Date) (*stride.Goal, error) {
	return timed(w.obs, "goal", "PauseGoal", func() (*stride.Goal, error) { return w.next.PauseGoal(ctx, id, from, until) })
}

func (w goals) ResumeGoal(ctx context.Context, id int64, day stride.Date) (*stride.Goal, error) {
	return timed(w.obs, "goal", "ResumeGoal", func() (*stride.Goal, error) { return w.next.ResumeGoal(ctx, id, day) })
}

func (w goals) DeleteGoal(ctx context.Context, id int64) error {
	return timedErr(w.obs, "goal", "DeleteGoal", func() error { return w.next.DeleteGoal(ctx, id) })
}

func (w goals) SkipDay(ctx context.Context, id int64, day stride.Date) error {
	return timedErr(w.obs, "goal", "SkipDay", func() error { return w.next.SkipDay(ctx, id, day) })
}

func (w goals) UnskipDay(ctx context.Context, id int64, day stride.Date) error {
	return timedErr(w.obs, "goal", "UnskipDay", func() error { return w.next.UnskipDay(ctx, id, day) })
}

type steps struct {
	next stride.StepService
	obs  Observer
}

var _ stride.StepService = steps{}

func (w steps) FindStepByID(ctx context.Context, id int64) (*stride.Step, error) {
	return timed(w.obs, "step", "FindStepByID", func() (*stride.Step, error) { return w.next.FindStepByID(ctx, id) })
}

func (w steps) FindSteps(ctx context.Context, filter stride.StepFilter) ([]*stride.Step, error) {
	return timed(w.obs, "step", "FindSteps", func() ([]*stride.Step, error) { return w.next.FindSteps(ctx, filter) })
}

func (w steps) CreateStep(ctx context.Context, s *stride.Step) (*stride.StepCreated, error) {
	return timed(w.obs, "step", "CreateStep", func() (*stride.StepCreated, error) { return w.next.CreateStep(ctx, s) })
}

func (w steps) CreateSteps(ctx context.Context, steps []*stride.Step) error {
	return timedErr(w.obs, "step", "CreateSteps", func() error { return w.next.CreateSteps(ctx, steps) })
}

func (w steps) UpdateStep(ctx context.Context, id int64, upd stride.StepUpdate) (*stride.Step, error) {
	return timed(w.obs, "step", "UpdateStep", func() (*stride.Step, error) { return w.next.UpdateStep(ctx, id, upd) })
}

func (w steps) DeleteStep(ctx context.Context, id int64) error {
	return timedErr(w.obs, "step", "DeleteStep", func() error { return w.next.DeleteStep(ctx, id) })
}

type statuses struct {
	next stride.StatusService
	obs  Observer
}

var _ stride.StatusService = statuses{}

func (w statuses) Status(ctx context.Context, today stride.Date) ([]*stride.GoalStatus, error) {
	return timed(w.obs, "status", "Status", func() ([]*stride.GoalStatus, error) { return w.next.Status(ctx, today) })
}

func (w statuses) GoalStatus(ctx context.Context, id int64, today stride.Date) (*stride.GoalStatus, error) {
	return timed(w.obs, "status", "GoalStatus", func() (*stride.GoalStatus, error) { return w.next.GoalStatus(ctx, id, today) })
}

func (w statuses) GoalHistory(ctx context.Context, id int64, from, today stride.Date) ([]stride.Day, error) {
	return timed(w.obs, "status", "GoalHistory", func() ([]stride.Day, error) { return w.next.GoalHistory(ctx, id, from, today) })
}

type auths struct {
	next stride.AuthService
	obs  Observer
}

var _ stride.AuthService = auths{}

func (w auths) PasswordHash(ctx context.Context, name string) (*stride.User, string, error) {
	start := time.Now()
	r0, r1, err := w.next.PasswordHash(ctx, name)
	w.obs("auth", "PasswordHash", time.Since(start), err)
	return r0, r1, err
}

func (w auths) CreateAccount(ctx context.Context, u *stride.User, hash string) error {
	return timedErr(w.obs, "auth", "CreateAccount", func() error { return w.next.CreateAccount(ctx, u, hash) })
}

func (w auths) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	return timedErr(w.obs, "auth", "SetPasswordHash", func() error { return w.next.SetPasswordHash(ctx, userID, hash) })
}

func (w auths) UpdateUser(ctx context.Context, userID int64, upd stride.UserUpdate) (*stride.User, error) {
	return timed(w.obs, "auth", "UpdateUser", func() (*stride.User, error) { return w.next.UpdateUser(ctx, userID, upd) })
}

func (w auths) CreateSession(ctx context.Context, s *stride.Session, secretHash []byte) error {
	return timedErr(w.obs, "auth", "CreateSession", func() error { return w.next.CreateSession(ctx, s, secretHash) })
}

func (w auths) FindSession(ctx context.Context, secretHash []byte, now time.Time, idle, maxAge time.Duration) (*stride.Session, *stride.User, error) {
	start := time.Now()
	r0, r1, err := w.next.FindSession(ctx, secretHash, now, idle, maxAge)
	w.obs("auth", "FindSession", time.Since(start), err)
	return r0, r1, err
}

func (w auths) FindSessions(ctx context.Context, userID int64) ([]*stride.Session, error) {
	return timed(w.obs, "auth", "FindSessions", func() ([]*stride.Session, error) { return w.next.FindSessions(ctx, userID) })
}

func (w auths) DeleteSession(ctx context.Context, userID, id int64) error {
	return timedErr(w.obs, "auth", "DeleteSession", func() error { return w.next.DeleteSession(ctx, userID, id) })
}

func (w auths) DeleteSessions(ctx context.Context, userID int64) error {
	return timedErr(w.obs, "auth", "DeleteSessions", func() error { return w.next.DeleteSessions(ctx, userID) })
}

func (w auths) CreateToken(ctx context.Context, t *stride.Token, secretHash []byte) error {
	return timedErr(w.obs, "auth", "CreateToken", func() error { return w.next.CreateToken(ctx, t, secretHash) })
}

func (w auths) FindToken(ctx context.Context, secretHash []byte, now time.Time) (*stride.Token, *stride.User, error) {
	start := time.Now()
	r0, r1, err := w.next.FindToken(ctx, secretHash, now)
	w.obs("auth", "FindToken", time.Since(start), err)
	return r0, r1, err
}

func (w auths) FindTokens(ctx context.Context, userID int64) ([]*stride.Token, error) {
	return timed(w.obs, "auth", "FindTokens", func() ([]*stride.Token, error) { return w.next.FindTokens(ctx, userID) })
}

func (w auths) DeleteToken(ctx context.Context, userID, id int64) error {
	return timedErr(w.obs, "auth", "DeleteToken", func() error { return w.next.DeleteToken(ctx, userID, id) })
}

func (w auths) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	return timed(w.obs, "auth", "LoginFailures", func() (int, error) { return w.next.LoginFailures(ctx, key, since) })
}

func (w auths) RecordLoginFailure(ctx context.Context, key string, now time.Time) error {
	return timedErr(w.obs, "auth", "RecordLoginFailure", func() error { return w.next.RecordLoginFailure(ctx, key, now) })
}

func (w auths) ClearLoginFailures(ctx context.Context, key string) error {
	return timedErr(w.obs, "auth", "ClearLoginFailures", func() error { return w.next.ClearLoginFailures(ctx, key) })
}

func (w auths) FindSettings(ctx context.Context, prefix string) (map[string]string, error) {
	return timed(w.obs, "auth", "FindSettings", func() (map[string]string, error) { return w.next.FindSettings(ctx, prefix) })
}

func (w auths) Setting(ctx context.Context, key string) (string, error) {
	return timed(w.obs, "auth", "Setting", func() (string, error) { return w.next.Setting(ctx, key) })
}

func (w auths) SetSetting(ctx context.Context, key, value string) error {
	return timedErr(w.obs, "auth", "SetSetting", func() error { return w.next.SetSetting(ctx, key, value) })
}

func (w auths) ClaimSetting(ctx context.Context, key, old, new string) (bool, error) {
	return timed(w.obs, "auth", "ClaimSetting", func() (bool, error) { return w.next.ClaimSetting(ctx, key, old, new) })
}
