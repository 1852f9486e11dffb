package instrument

import (
	"context"
	"time"

	"github.com/strideapp/stride"
)

// The reflection services and backups, timed like the others.
var (
	_ stride.LessonService = lessons{}
	_ stride.DoubtService  = doubts{}
	_ stride.FocusService  = foci{}
	_ stride.WorkService   = works{}
	_ stride.WinService    = wins{}
	_ stride.ReviewService = reviews{}
	_ stride.BackupService = backups{}
)

type lessons struct {
	next stride.LessonService
	obs  Observer
}

func (x lessons) FindLessonByID(ctx context.Context, id int64) (*stride.Lesson, error) {
	return timed(x.obs, "lessons", "FindLessonByID", func() (*stride.Lesson, error) { return x.next.FindLessonByID(ctx, id) })
}

func (x lessons) FindLessons(ctx context.Context, filter stride.LessonFilter) ([]*stride.Lesson, error) {
	return timed(x.obs, "lessons", "FindLessons", func() ([]*stride.Lesson, error) { return x.next.FindLessons(ctx, filter) })
}

func (x lessons) CreateLesson(ctx context.Context, l *stride.Lesson) error {
	return timedErr(x.obs, "lessons", "CreateLesson", func() error { return x.next.CreateLesson(ctx, l) })
}

func (x lessons) UpdateLesson(ctx context.Context, id int64, upd stride.LessonUpdate) (*stride.Lesson, error) {
	return timed(x.obs, "lessons", "UpdateLesson", func() (*stride.Lesson, error) { return x.next.UpdateLesson(ctx, id, upd) })
}

func (x lessons) DeleteLesson(ctx context.Context, id int64) error {
	return timedErr(x.obs, "lessons", "DeleteLesson", func() error { return x.next.DeleteLesson(ctx, id) })
}

func (x lessons) LessonThemes(ctx context.Context) ([]*stride.Theme, error) {
	return timed(x.obs, "lessons", "LessonThemes", func() ([]*stride.Theme, error) { return x.next.LessonThemes(ctx) })
}

type doubts struct {
	next stride.DoubtService
	obs  Observer
}

func (x doubts) FindDoubtByID(ctx context.Context, id int64) (*stride.Doubt, error) {
	return timed(x.obs, "doubts", "FindDoubtByID", func() (*stride.Doubt, error) { return x.next.FindDoubtByID(ctx, id) })
}

func (x doubts) FindDoubts(ctx context.Context, filter stride.DoubtFilter) ([]*stride.Doubt, error) {
	return timed(x.obs, "doubts", "FindDoubts", func() ([]*stride.Doubt, error) { return x.next.FindDoubts(ctx, filter) })
}

func (x doubts) CreateDoubt(ctx context.Context, d *stride.Doubt) error {
	return timedErr(x.obs, "doubts", "CreateDoubt", func() error { return x.next.CreateDoubt(ctx, d) })
}

func (x doubts) UpdateDoubt(ctx context.Context, id int64, upd stride.DoubtUpdate) (*stride.Doubt, error) {
	return timed(x.obs, "doubts", "UpdateDoubt", func() (*stride.Doubt, error) { return x.next.UpdateDoubt(ctx, id, upd) })
}

func (x doubts) RevisitDoubt(ctx context.Context, id int64, r stride.Revisit) (*stride.Doubt, error) {
	return timed(x.obs, "doubts", "RevisitDoubt", func() (*stride.Doubt, error) { return x.next.RevisitDoubt(ctx, id, r) })
}

func (x doubts) DeleteDoubt(ctx context.Context, id int64) error {
	return timedErr(x.obs, "doubts", "DeleteDoubt", func() error { return x.next.DeleteDoubt(ctx, id) })
}

type foci struct {
	next stride.FocusService
	obs  Observer
}

func (x foci) FindFocusByDay(ctx context.Context, day stride.Date) (*stride.Focus, error) {
	return timed(x.obs, "focus", "FindFocusByDay", func() (*stride.Focus, error) { return x.next.FindFocusByDay(ctx, day) })
}

func (x foci) FindFocusByID(ctx context.Context, id int64) (*stride.Focus, error) {
	return timed(x.obs, "focus", "FindFocusByID", func() (*stride.Focus, error) { return x.next.FindFocusByID(ctx, id) })
}

func (x foci) FindFoci(ctx context.Context, filter stride.FocusFilter) ([]*stride.Focus, error) {
	return timed(x.obs, "focus", "FindFoci", func() ([]*stride.Focus, error) { return x.next.FindFoci(ctx, filter) })
}

func (x foci) SetFocus(ctx context.Context, f *stride.Focus) error {
	return timedErr(x.obs, "focus", "SetFocus", func() error { return x.next.SetFocus(ctx, f) })
}

func (x foci) UpdateFocus(ctx context.Context, id int64, upd stride.FocusUpdate) (*stride.Focus, error) {
	return timed(x.obs, "focus", "UpdateFocus", func() (*stride.Focus, error) { return x.next.UpdateFocus(ctx, id, upd) })
}

func (x foci) DeleteFocus(ctx context.Context, id int64) error {
	return timedErr(x.obs, "focus", "DeleteFocus", func() error { return x.next.DeleteFocus(ctx, id) })
}

type works struct {
	next stride.WorkService
	obs  Observer
}

func (x works) FindWorkByID(ctx context.Context, id int64) (*stride.Work, error) {
	return timed(x.obs, "works", "FindWorkByID", func() (*stride.Work, error) { return x.next.FindWorkByID(ctx, id) })
}

func (x works) FindWorkByName(ctx context.Context, name string) (*stride.Work, error) {
	return timed(x.obs, "works", "FindWorkByName", func() (*stride.Work, error) { return x.next.FindWorkByName(ctx, name) })
}

func (x works) FindWorks(ctx context.Context, filter stride.WorkFilter) ([]*stride.Work, error) {
	return timed(x.obs, "works", "FindWorks", func() ([]*stride.Work, error) { return x.next.FindWorks(ctx, filter) })
}

func (x works) CreateWork(ctx context.Context, w *stride.Work) error {
	return timedErr(x.obs, "works", "CreateWork", func() error { return x.next.CreateWork(ctx, w) })
}

func (x works) UpdateWork(ctx context.Context, id int64, upd stride.WorkUpdate) (*stride.Work, error) {
	return timed(x.obs, "works", "UpdateWork", func() (*stride.Work, error) { return x.next.UpdateWork(ctx, id, upd) })
}

func (x works) DeleteWork(ctx context.Context, id int64) error {
	return timedErr(x.obs, "works", "DeleteWork", func() error { return x.next.DeleteWork(ctx, id) })
}

func (x works) AddIteration(ctx context.Context, workID int64, it *stride.Iteration) (*stride.Work, error) {
	return timed(x.obs, "works", "AddIteration", func() (*stride.Work, error) { return x.next.AddIteration(ctx, workID, it) })
}

func (x works) FindIterations(ctx context.Context, since, until stride.Date) ([]*stride.Iteration, error) {
	return timed(x.obs, "works", "FindIterations", func() ([]*stride.Iteration, error) { return x.next.FindIterations(ctx, since, until) })
}

type wins struct {
	next stride.WinService
	obs  Observer
}

func (x wins) FindWins(ctx context.Context, filter stride.WinFilter, today stride.Date) ([]*stride.Win, error) {
	return timed(x.obs, "wins", "FindWins", func() ([]*stride.Win, error) { return x.next.FindWins(ctx, filter, today) })
}

type reviews struct {
	next stride.ReviewService
	obs  Observer
}

func (x reviews) FindReviewByWeek(ctx context.Context, week stride.Date) (*stride.Review, error) {
	return timed(x.obs, "reviews", "FindReviewByWeek", func() (*stride.Review, error) { return x.next.FindReviewByWeek(ctx, week) })
}

func (x reviews) FindReviews(ctx context.Context, filter stride.ReviewFilter) ([]*stride.Review, error) {
	return timed(x.obs, "reviews", "FindReviews", func() ([]*stride.Review, error) { return x.next.FindReviews(ctx, filter) })
}

func (x reviews) SaveReview(ctx context.Context, r *stride.Review) error {
	return timedErr(x.obs, "reviews", "SaveReview", func() error { return x.next.SaveReview(ctx, r) })
}

func (x reviews) DeleteReview(ctx context.Context, week stride.Date) error {
	return timedErr(x.obs, "reviews", "DeleteReview", func() error { return x.next.DeleteReview(ctx, week) })
}

func (x reviews) SummarizeWeek(ctx context.Context, week, today stride.Date) (*stride.WeekSummary, error) {
	return timed(x.obs, "reviews", "SummarizeWeek", func() (*stride.WeekSummary, error) { return x.next.SummarizeWeek(ctx, week, today) })
}

func (x reviews) HowFarGoal(ctx context.Context, goalID int64, today stride.Date) (*stride.HowFar, error) {
	return timed(x.obs, "reviews", "HowFarGoal", func() (*stride.HowFar, error) { return x.next.HowFarGoal(ctx, goalID, today) })
}

type backups struct {
	next stride.BackupService
	obs  Observer
}

func (x backups) ExportBackup(ctx context.Context, now time.Time) (*stride.Backup, error) {
	return timed(x.obs, "backup", "ExportBackup", func() (*stride.Backup, error) { return x.next.ExportBackup(ctx, now) })
}

func (x backups) ImportBackup(ctx context.Context, doc *stride.Backup, opts stride.ImportOptions) (*stride.ImportSummary, error) {
	return timed(x.obs, "backup", "ImportBackup", func() (*stride.ImportSummary, error) { return x.next.ImportBackup(ctx, doc, opts) })
}
