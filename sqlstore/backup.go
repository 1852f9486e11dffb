package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/strideapp/stride"
)

// BackupService implements stride.BackupService for the context's user.
//
// An import is one transaction. It first checks the whole document without
// touching the database, so a bad record anywhere fails before anything is
// locked. Then it matches each record against what the user has: by the
// import keys of earlier imports of the same source (table import_keys),
// then by name for goals and works, then by content (a step with the same
// day, amount and note on the same goal; a lesson or doubt with the same
// day and text; the focus of the same day; the review of the same week).
// What matches is counted as existing and left as it is; the rest is
// created. A dry run does all of it and rolls back.
type BackupService struct{ s *store }

var _ stride.BackupService = (*BackupService)(nil)

// ExportBackup returns everything the user has: goals by id with their
// targets, milestones, pauses, skips and steps (by day, time of day and
// id), lessons, doubts and focus by day, works by id with their iterations
// in the order they were recorded, reviews by week. It reads in one
// read-only transaction, so the document is one moment of the record. It
// returns EUNAUTHORIZED without a user, or an internal error.
func (bs *BackupService) ExportBackup(ctx context.Context, now time.Time) (*stride.Backup, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	doc := &stride.Backup{
		Format: stride.BackupFormat, Version: stride.BackupVersion, ExportedAt: now.UTC(),
		Goals: []*stride.BackupGoal{}, Lessons: []*stride.Lesson{}, Doubts: []*stride.Doubt{},
		Focus: []*stride.Focus{}, Works: []*stride.Work{}, Reviews: []*stride.Review{},
	}
	tx, err := bs.s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return nil, fmt.Errorf("export: begin: %w", err)
	}
	defer tx.Rollback() // read-only: nothing to keep
	if err := exportUser(ctx, tx, uid, doc); err != nil {
		return nil, err
	}
	// The goals' current targets are those of the document's moment.
	loc := time.Local
	if l, err := time.LoadLocation(doc.User.TimeZone); doc.User.TimeZone != "" && err == nil {
		loc = l
	}
	if err := bs.s.exportGoals(ctx, tx, uid, stride.DateOf(now.In(loc)), doc); err != nil {
		return nil, err
	}
	if err := exportRecords(ctx, tx, uid, doc); err != nil {
		return nil, err
	}
	return doc, nil
}

func exportUser(ctx context.Context, q querier, uid int64, doc *stride.Backup) error {
	var ws int
	err := q.QueryRowContext(ctx, `SELECT name, time_zone, week_start FROM users WHERE id = $1`, uid).
		Scan(&doc.User.Name, &doc.User.TimeZone, &ws)
	if errors.Is(err, sql.ErrNoRows) {
		return userNotFound(uid)
	} else if err != nil {
		return fmt.Errorf("export user: %w", err)
	}
	doc.User.WeekStart = time.Weekday(ws)
	return nil
}

func (s *store) exportGoals(ctx context.Context, q querier, uid int64, today stride.Date, doc *stride.Backup) error {
	w := &where{}
	w.add("user_id = ?", uid)
	rows, err := s.loadGoals(ctx, q, w, uid, today)
	if err != nil {
		return err
	}
	byID := make(map[int64]*stride.BackupGoal, len(rows))
	for _, r := range rows {
		bg := &stride.BackupGoal{Goal: *r.g, Pauses: []stride.Pause{}, Skips: []stride.Date{}, Steps: []*stride.Step{}}
		doc.Goals = append(doc.Goals, bg)
		byID[bg.ID] = bg
	}
	slices.SortFunc(doc.Goals, func(a, b *stride.BackupGoal) int { return cmpInt(a.ID, b.ID) })

	prows, err := q.QueryContext(ctx, `SELECT goal_id, from_day, until_day FROM pauses WHERE user_id = $1 ORDER BY goal_id, from_day`, uid)
	if err != nil {
		return fmt.Errorf("export pauses: %w", err)
	}
	defer prows.Close()
	for prows.Next() {
		var (
			id    int64
			from  int
			until sql.Null[int64]
		)
		if err := prows.Scan(&id, &from, &until); err != nil {
			return fmt.Errorf("export pauses: %w", err)
		}
		if g := byID[id]; g != nil {
			g.Pauses = append(g.Pauses, stride.Pause{From: stride.DateFromYMD(from), Until: dateOf(until)})
		}
	}
	if err := prows.Err(); err != nil {
		return fmt.Errorf("export pauses: %w", err)
	}
	prows.Close()

	srows, err := q.QueryContext(ctx, `SELECT goal_id, day FROM skips WHERE user_id = $1 ORDER BY goal_id, day`, uid)
	if err != nil {
		return fmt.Errorf("export skips: %w", err)
	}
	defer srows.Close()
	for srows.Next() {
		var (
			id  int64
			day int
		)
		if err := srows.Scan(&id, &day); err != nil {
			return fmt.Errorf("export skips: %w", err)
		}
		if g := byID[id]; g != nil {
			g.Skips = append(g.Skips, stride.DateFromYMD(day))
		}
	}
	if err := srows.Err(); err != nil {
		return fmt.Errorf("export skips: %w", err)
	}
	srows.Close()

	strows, err := q.QueryContext(ctx, stepSelect+` WHERE s.user_id = $1 ORDER BY s.day, s.minute NULLS FIRST, s.id`, uid)
	if err != nil {
		return fmt.Errorf("export steps: %w", err)
	}
	defer strows.Close()
	for strows.Next() {
		st, err := scanStep(strows)
		if err != nil {
			return fmt.Errorf("export steps: %w", err)
		}
		if g := byID[st.GoalID]; g != nil {
			g.Steps = append(g.Steps, st)
		}
	}
	if err := strows.Err(); err != nil {
		return fmt.Errorf("export steps: %w", err)
	}
	return nil
}

func exportRecords(ctx context.Context, q querier, uid int64, doc *stride.Backup) error {
	args := []any{uid}
	var err error
	if doc.Lessons, err = loadLessons(ctx, q, lessonSelect+` WHERE l.user_id = $1 ORDER BY l.day, l.id`,
		`SELECT id FROM lessons WHERE user_id = $1`, args); err != nil {
		return err
	}
	if doc.Doubts, err = loadDoubts(ctx, q, doubtSelect+` WHERE user_id = $1 ORDER BY day, id`,
		`SELECT id FROM doubts WHERE user_id = $1`, args); err != nil {
		return err
	}
	frows, err := q.QueryContext(ctx, focusSelect+` WHERE user_id = $1 ORDER BY day`, uid)
	if err != nil {
		return fmt.Errorf("export focus: %w", err)
	}
	defer frows.Close()
	for frows.Next() {
		f, err := scanFocus(frows)
		if err != nil {
			return fmt.Errorf("export focus: %w", err)
		}
		doc.Focus = append(doc.Focus, f)
	}
	if err := frows.Err(); err != nil {
		return fmt.Errorf("export focus: %w", err)
	}
	frows.Close()

	wrows, err := q.QueryContext(ctx, workSelect+` WHERE w.user_id = $1 ORDER BY w.id`, uid)
	if err != nil {
		return fmt.Errorf("export works: %w", err)
	}
	defer wrows.Close()
	works := map[int64]*stride.Work{}
	for wrows.Next() {
		w, err := scanWork(wrows)
		if err != nil {
			return fmt.Errorf("export works: %w", err)
		}
		w.Iterations = []*stride.Iteration{}
		doc.Works = append(doc.Works, w)
		works[w.ID] = w
	}
	if err := wrows.Err(); err != nil {
		return fmt.Errorf("export works: %w", err)
	}
	wrows.Close()
	its, err := queryIterations(ctx, q, iterationSelect+` WHERE user_id = $1 ORDER BY work_id, id`, uid)
	if err != nil {
		return err
	}
	for _, it := range its {
		if w := works[it.WorkID]; w != nil {
			w.Iterations = append(w.Iterations, it)
		}
	}

	rrows, err := q.QueryContext(ctx, reviewSelect+` WHERE user_id = $1 ORDER BY week`, uid)
	if err != nil {
		return fmt.Errorf("export reviews: %w", err)
	}
	defer rrows.Close()
	for rrows.Next() {
		r, err := scanReview(rrows)
		if err != nil {
			return fmt.Errorf("export reviews: %w", err)
		}
		doc.Reviews = append(doc.Reviews, r)
	}
	if err := rrows.Err(); err != nil {
		return fmt.Errorf("export reviews: %w", err)
	}
	return nil
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// The days an import accepts, as package importer's: momentum is computed
// day by day from a goal's start, so a typo such as 0025 must not make a
// goal centuries long.
var (
	importFirstDay = stride.NewDate(1900, time.January, 1)
	importLastDay  = stride.NewDate(2999, time.December, 31)
)

// The kinds of record import_keys remembers. Skips, pauses, focus and
// reviews need no key: their day or week is their identity.
const (
	keyGoal   = "goal"
	keyStep   = "step"
	keyLesson = "lesson"
	keyDoubt  = "doubt"
	keyWork   = "work"
)

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// planGoal is a goal of the document, checked, and what the import does
// with it.
type planGoal struct {
	doc   *stride.BackupGoal
	g     stride.Goal // the goal's fields, normalised by Validate
	key   string      // its source id, "" when it has none
	label string      // how messages name it
	steps []stride.Step
	keys  []string // the steps' source ids, "" for none
	// Found in the transaction.
	id      int64 // the user's goal it goes into
	reused  bool  // an existing goal (by key or name) rather than a new one
	unit    string
	start   stride.Date
	changed bool        // something new was written to it
	first   stride.Date // the earliest day written, when changed
	moved   bool        // a step moved its start
	stepIDs map[int64]int64
}

// importRun is one ImportBackup.
type importRun struct {
	s      *store
	tx     *sql.Tx
	uid    int64
	source string
	doc    *stride.Backup
	goals  []*planGoal
	sum    stride.ImportSummary
	// keys[kind][source id] is the live row an earlier import made.
	keys map[string]map[string]int64
	// newKeys are the keys to remember: kind, source id, row; once each.
	newKeys  [][3]any
	keyNoted map[[2]string]bool
	// Doc ids to the user's ids.
	goalIDs, workIDs, lessonIDs, focusIDs map[int64]int64
	seen                                  bool // a day was seen for From and To
}

func (im *importRun) day(d stride.Date) {
	if !im.seen || d < *im.sum.From {
		im.sum.From = &d
	}
	if !im.seen || d > *im.sum.To {
		d2 := d
		im.sum.To = &d2
	}
	im.seen = true
}

func (im *importRun) remember(kind, sourceID string, id int64) {
	if sourceID == "" {
		return
	}
	if im.keys[kind][sourceID] == id || im.keyNoted[[2]string{kind, sourceID}] {
		return
	}
	im.keyNoted[[2]string{kind, sourceID}] = true
	im.newKeys = append(im.newKeys, [3]any{kind, sourceID, id})
}

// ImportBackup writes doc for the context's user in one transaction and
// tells what it created; opts.DryRun rolls it back after counting. It
// returns EINVALID naming the record and field at fault (`goal 3 "Run",
// step 12: amount must be more than 0 ...`) before anything is written,
// ECONFLICT when a goal of the document has the name of one of the user's
// goals of another kind or unit (the message says how to resolve it),
// EUNAUTHORIZED without a user, or an internal error. Records the user
// has already (see BackupService) are counted in Existing and left as
// they are. A stride backup (source "stride", naming its user) imported
// into an account with no records at all brings its time zone and week
// start too.
func (bs *BackupService) ImportBackup(ctx context.Context, doc *stride.Backup, opts stride.ImportOptions) (*stride.ImportSummary, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	source := strings.TrimSpace(opts.Source)
	if source == "" {
		source = "stride"
	}
	if len(source) > 40 || strings.ContainsFunc(source, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return nil, stride.Errorf(stride.EINVALID, "import source %q is not a short name such as stride or loop-csv", source)
	}
	goals, err := checkBackup(doc, source)
	if err != nil {
		return nil, err
	}
	var sum stride.ImportSummary
	err = bs.s.inTx(ctx, func(tx *sql.Tx) error {
		im := &importRun{s: bs.s, tx: tx, uid: uid, source: source, doc: doc, goals: goals, keyNoted: map[[2]string]bool{},
			goalIDs: map[int64]int64{}, workIDs: map[int64]int64{}, lessonIDs: map[int64]int64{}, focusIDs: map[int64]int64{}}
		if err := im.run(ctx); err != nil {
			return err
		}
		sum = im.sum
		if opts.DryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, err
	}
	sum.DryRun = opts.DryRun
	return &sum, nil
}

// goalLabel names a goal of the document in messages: by its id when it
// has one, and its name.
func goalLabel(g *stride.BackupGoal, i int) string {
	name := strings.TrimSpace(g.Name)
	switch {
	case g.ID != 0 && name != "":
		return fmt.Sprintf("goal %d %q", g.ID, name)
	case g.ID != 0:
		return fmt.Sprintf("goal %d", g.ID)
	case name != "":
		return fmt.Sprintf("goal %q", name)
	}
	return fmt.Sprintf("goal number %d of the backup", i+1)
}

func stepLabel(s *stride.Step, i int) string {
	switch {
	case s.ID != 0:
		return fmt.Sprintf("step %d", s.ID)
	case s.Day != 0:
		return fmt.Sprintf("step on %s", s.Day)
	}
	return fmt.Sprintf("step number %d", i+1)
}

// recordLabel names a lesson, doubt, focus or review: its id, or its day.
func recordLabel(kind string, id int64, day stride.Date, i int) string {
	switch {
	case id != 0:
		return fmt.Sprintf("%s %d", kind, id)
	case day != 0:
		return fmt.Sprintf("%s of %s", kind, day)
	}
	return fmt.Sprintf("%s number %d", kind, i+1)
}

func invalid(label string, err error) error {
	return stride.Errorf(stride.EINVALID, "%s: %s", label, stride.ErrorMessage(err))
}

func invalidf(label, format string, args ...any) error {
	return stride.Errorf(stride.EINVALID, "%s: %s", label, fmt.Sprintf(format, args...))
}

func checkDay(label, field string, d stride.Date) error {
	if d == 0 {
		return invalidf(label, "%s is missing: give it as YYYY-MM-DD", field)
	}
	if d < importFirstDay || d > importLastDay {
		return invalidf(label, "%s %s is outside %s to %s", field, d, importFirstDay, importLastDay)
	}
	return nil
}

// stamp keys a record of a stride backup by its id and creation time, in
// microseconds since 1970 (what the stores keep): ids alone repeat between
// databases, and a record keeps its creation time from one backup to the
// next, also through an import.
func stamp(id int64, created time.Time) string {
	return strconv.FormatInt(id, 10) + "@" + strconv.FormatInt(created.UnixMicro(), 10)
}

// checkBackup checks the whole document as the stores would, and returns
// its goals ready to write. The document is not changed.
func checkBackup(doc *stride.Backup, source string) ([]*planGoal, error) {
	if doc == nil {
		return nil, stride.Errorf(stride.EINVALID, "the backup is empty")
	}
	if doc.Format != stride.BackupFormat {
		return nil, stride.Errorf(stride.EINVALID, "this is not a stride backup: \"format\" is %q, not %q", doc.Format, stride.BackupFormat)
	}
	if doc.Version < 1 || doc.Version > stride.BackupVersion {
		return nil, stride.Errorf(stride.EINVALID, "backup version %d is not one this stride reads (1 to %d): a newer stride wrote it, so update stride",
			doc.Version, stride.BackupVersion)
	}
	goals := make([]*planGoal, 0, len(doc.Goals))
	ids := map[int64]*planGoal{}
	sources := map[string]*planGoal{}
	names := map[string]*planGoal{}
	stepIDs := map[int64]string{}
	requests := map[string]string{}
	for i, bg := range doc.Goals {
		if bg == nil {
			return nil, stride.Errorf(stride.EINVALID, "goal number %d of the backup is null", i+1)
		}
		p := &planGoal{doc: bg, g: bg.Goal, label: goalLabel(bg, i)}
		g := &p.g
		g.Targets = slices.Clone(g.Targets)
		if err := checkDay(p.label, "start", g.Start); err != nil {
			return nil, err
		}
		// Backups written before set_start was kept, and other trackers'
		// goals, were given the start they have.
		if g.SetStart == 0 {
			g.SetStart = g.Start
		}
		if err := checkDay(p.label, "set start", g.SetStart); err != nil {
			return nil, err
		}
		if err := normalizeTargets(g); err != nil {
			return nil, invalid(p.label, err)
		}
		if err := g.Validate(); err != nil {
			return nil, invalid(p.label, err)
		}
		for _, t := range g.Targets {
			if err := checkDay(p.label, "target from", t.From); err != nil {
				return nil, err
			}
		}
		if o := names[nameKey(g.Name)]; o != nil {
			return nil, stride.Errorf(stride.EINVALID, "%s and %s have one name: names must differ in more than case", o.label, p.label)
		}
		names[nameKey(g.Name)] = p
		if g.ID != 0 {
			if o := ids[g.ID]; o != nil {
				return nil, stride.Errorf(stride.EINVALID, "%s and %s have one id: each goal needs its own", o.label, p.label)
			}
			ids[g.ID] = p
		}
		switch {
		case bg.SourceID != "":
			p.key = bg.SourceID
		case g.ID != 0:
			p.key = stamp(g.ID, g.CreatedAt)
		}
		if bg.SourceID != "" {
			if o := sources[bg.SourceID]; o != nil {
				return nil, stride.Errorf(stride.EINVALID, "%s and %s have one source id %q: each goal needs its own", o.label, p.label, bg.SourceID)
			}
			sources[bg.SourceID] = p
		}
		for _, d := range []*stride.Date{g.PausedUntil, g.FinishedOn, g.DoneWhenMet} {
			if d != nil {
				if err := checkDay(p.label, "a date", *d); err != nil {
					return nil, err
				}
			}
		}
		for _, ps := range bg.Pauses {
			l := fmt.Sprintf("%s, pause from %s", p.label, ps.From)
			if err := checkDay(l, "from", ps.From); err != nil {
				return nil, err
			}
			if ps.Until != nil && *ps.Until <= ps.From {
				return nil, invalidf(l, "until %s must be after the pause starts", *ps.Until)
			}
		}
		for _, d := range bg.Skips {
			if err := checkDay(p.label, "skip", d); err != nil {
				return nil, err
			}
		}
		p.steps = make([]stride.Step, len(bg.Steps))
		p.keys = make([]string, len(bg.Steps))
		perDay := map[stride.Date]int{}
		for j, s := range bg.Steps {
			if s == nil {
				return nil, invalidf(p.label, "step number %d is null", j+1)
			}
			l := p.label + ", " + stepLabel(s, j)
			st := *s
			if err := st.Validate(); err != nil {
				return nil, invalid(l, err)
			}
			if err := checkDay(l, "date", st.Day); err != nil {
				return nil, err
			}
			if st.ID != 0 {
				if o, ok := stepIDs[st.ID]; ok {
					return nil, stride.Errorf(stride.EINVALID, "%s and %s have one id: each step needs its own", o, l)
				}
				stepIDs[st.ID] = l
			}
			if st.RequestID != "" {
				if o, ok := requests[st.RequestID]; ok {
					return nil, stride.Errorf(stride.EINVALID, "%s and %s have one request id %q: each step needs its own", o, l, st.RequestID)
				}
				requests[st.RequestID] = l
			}
			p.steps[j] = st
			// A step's source id: under its goal's, by its id, or by its
			// day for sources that keep one entry per day
			// (importer.StepID), numbered when a day has more.
			if p.key != "" {
				if st.ID != 0 {
					p.keys[j] = p.key + "/" + strconv.FormatInt(st.ID, 10)
				} else {
					perDay[st.Day]++
					p.keys[j] = p.key + "@" + st.Day.String()
					if n := perDay[st.Day]; n > 1 {
						p.keys[j] += "#" + strconv.Itoa(n)
					}
				}
			}
		}
		goals = append(goals, p)
	}
	// Parents: by document id or by source id, and no loops.
	parent := map[*planGoal]*planGoal{}
	for _, p := range goals {
		var q *planGoal
		switch {
		case p.g.ParentID != nil:
			if q = ids[*p.g.ParentID]; q == nil {
				return nil, invalidf(p.label, "parent_id %d is no goal of the backup", *p.g.ParentID)
			}
		case p.doc.ParentSourceID != "":
			if q = sources[p.doc.ParentSourceID]; q == nil {
				return nil, invalidf(p.label, "parent_source_id %q is no goal of the backup", p.doc.ParentSourceID)
			}
		}
		if q != nil {
			parent[p] = q
		}
	}
	for _, p := range goals {
		seen := map[*planGoal]bool{p: true}
		for q := parent[p]; q != nil; q = parent[q] {
			if seen[q] {
				return nil, invalidf(p.label, "its parent goals go round in a loop")
			}
			seen[q] = true
		}
	}
	if err := checkRecords(doc, ids); err != nil {
		return nil, err
	}
	return goals, nil
}

// checkRecords checks the reflection records of doc; goals are the
// document's goals by id.
func checkRecords(doc *stride.Backup, goals map[int64]*planGoal) error {
	goalRef := func(label string, id *int64) error {
		if id != nil && goals[*id] == nil {
			return invalidf(label, "goal_id %d is no goal of the backup", *id)
		}
		return nil
	}
	for i, l := range doc.Lessons {
		if l == nil {
			return stride.Errorf(stride.EINVALID, "lesson number %d of the backup is null", i+1)
		}
		label := recordLabel("lesson", l.ID, l.Day, i)
		c := *l
		c.Themes = slices.Clone(l.Themes)
		if err := c.Validate(); err != nil {
			return invalid(label, err)
		}
		if err := checkDay(label, "date", l.Day); err != nil {
			return err
		}
		if err := goalRef(label, l.GoalID); err != nil {
			return err
		}
	}
	for i, d := range doc.Doubts {
		if d == nil {
			return stride.Errorf(stride.EINVALID, "doubt number %d of the backup is null", i+1)
		}
		label := recordLabel("doubt", d.ID, d.Day, i)
		c := *d
		if err := c.Validate(); err != nil {
			return invalid(label, err)
		}
		if err := checkDay(label, "date", d.Day); err != nil {
			return err
		}
		for _, r := range d.Revisits {
			if err := checkDay(label+", revisit", "date", r.Day); err != nil {
				return err
			}
			if n := stride.TextLen(r.Note); n > stride.MaxTextLen {
				return invalidf(label+", revisit of "+r.Day.String(), "note is %d characters: keep it under %d", n, stride.MaxTextLen)
			}
		}
	}
	focusDays := map[stride.Date]bool{}
	for i, f := range doc.Focus {
		if f == nil {
			return stride.Errorf(stride.EINVALID, "focus number %d of the backup is null", i+1)
		}
		label := recordLabel("focus", f.ID, f.Day, i)
		c := *f
		if err := c.Validate(); err != nil {
			return invalid(label, err)
		}
		if err := checkDay(label, "date", f.Day); err != nil {
			return err
		}
		if focusDays[f.Day] {
			return invalidf(label, "a day has one focus, and the backup has two on %s", f.Day)
		}
		focusDays[f.Day] = true
	}
	workNames := map[string]bool{}
	for i, w := range doc.Works {
		if w == nil {
			return stride.Errorf(stride.EINVALID, "work number %d of the backup is null", i+1)
		}
		label := fmt.Sprintf("work %q", strings.TrimSpace(w.Name))
		if w.ID != 0 {
			label = fmt.Sprintf("work %d %q", w.ID, strings.TrimSpace(w.Name))
		}
		c := *w
		if err := c.Validate(); err != nil {
			return invalid(label, err)
		}
		if workNames[nameKey(c.Name)] {
			return invalidf(label, "another work of the backup has this name")
		}
		workNames[nameKey(c.Name)] = true
		if err := goalRef(label, w.GoalID); err != nil {
			return err
		}
		if w.Version < 1 || w.Unshipped < 0 {
			return invalidf(label, "version %d and unshipped %d: a work starts at version 1", w.Version, w.Unshipped)
		}
		for j, it := range w.Iterations {
			if it == nil {
				return invalidf(label, "iteration number %d is null", j+1)
			}
			il := fmt.Sprintf("%s, iteration number %d", label, j+1)
			ci := *it
			if err := ci.Validate(); err != nil {
				return invalid(il, err)
			}
			if err := checkDay(il, "date", it.Day); err != nil {
				return err
			}
			if it.Version < 1 {
				return invalidf(il, "version %d: versions start at 1", it.Version)
			}
		}
	}
	weeks := map[stride.Date]bool{}
	for i, r := range doc.Reviews {
		if r == nil {
			return stride.Errorf(stride.EINVALID, "review number %d of the backup is null", i+1)
		}
		label := recordLabel("review", r.ID, r.Week, i)
		c := *r
		if err := c.Validate(); err != nil {
			return invalid(label, err)
		}
		if err := checkDay(label, "week", r.Week); err != nil {
			return err
		}
		if weeks[r.Week] {
			return invalidf(label, "a week has one review, and the backup has two for the week of %s", r.Week)
		}
		weeks[r.Week] = true
	}
	return nil
}

// run writes the document in im.tx.
func (im *importRun) run(ctx context.Context) error {
	empty, err := im.userIsEmpty(ctx)
	if err != nil {
		return err
	}
	if err := im.loadKeys(ctx); err != nil {
		return err
	}
	if err := im.matchGoals(ctx); err != nil {
		return err
	}
	if err := im.createGoals(ctx); err != nil {
		return err
	}
	if err := im.writeSteps(ctx); err != nil {
		return err
	}
	if err := im.writeDays(ctx); err != nil {
		return err
	}
	if err := im.finishGoals(ctx); err != nil {
		return err
	}
	if err := im.writeLessons(ctx); err != nil {
		return err
	}
	if err := im.writeDoubts(ctx); err != nil {
		return err
	}
	if err := im.writeFocus(ctx); err != nil {
		return err
	}
	if err := im.writeWorks(ctx); err != nil {
		return err
	}
	if err := im.writeReviews(ctx); err != nil {
		return err
	}
	if err := im.writeKeys(ctx); err != nil {
		return err
	}
	// The user's row last (see bumpDataRev): its settings, then data_rev.
	// Only stride's own backups carry settings (an export always names
	// its user); other sources leave them unset.
	if empty && im.source == "stride" && im.doc.User.Name != "" {
		if err := im.applySettings(ctx); err != nil {
			return err
		}
	}
	return bumpDataRev(ctx, im.tx, im.uid)
}

// userIsEmpty reports whether the user has no goal and no record yet: a
// restore into a new account then takes the backup's settings too.
func (im *importRun) userIsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := im.tx.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM goals WHERE user_id = $1) + (SELECT COUNT(*) FROM lessons WHERE user_id = $1) +
		(SELECT COUNT(*) FROM doubts WHERE user_id = $1) + (SELECT COUNT(*) FROM focus WHERE user_id = $1) +
		(SELECT COUNT(*) FROM works WHERE user_id = $1) + (SELECT COUNT(*) FROM reviews WHERE user_id = $1)`, im.uid).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("import: %w", err)
	}
	return n == 0, nil
}

func (im *importRun) applySettings(ctx context.Context) error {
	u := im.doc.User
	if u.WeekStart < time.Sunday || u.WeekStart > time.Saturday {
		return stride.Errorf(stride.EINVALID, "user: week_start %d is not a day of the week (0 Sunday to 6 Saturday)", u.WeekStart)
	}
	if u.TimeZone != "" {
		if _, err := time.LoadLocation(u.TimeZone); err != nil {
			return stride.Errorf(stride.EINVALID, "user: time_zone %q is not a time zone this machine knows, such as Europe/Paris", u.TimeZone)
		}
	}
	if _, err := im.tx.ExecContext(ctx, `UPDATE users SET time_zone = $1, week_start = $2 WHERE id = $3`,
		u.TimeZone, int(u.WeekStart), im.uid); err != nil {
		return fmt.Errorf("import settings: %w", err)
	}
	return nil
}

// keyTables says which table holds each kind's rows, to tell live keys
// from those of deleted rows.
var keyTables = map[string]string{keyGoal: "goals", keyStep: "steps", keyLesson: "lessons", keyDoubt: "doubts", keyWork: "works"}

// loadKeys reads the keys earlier imports of the source left whose rows
// still exist.
func (im *importRun) loadKeys(ctx context.Context) error {
	im.keys = map[string]map[string]int64{}
	for kind, table := range keyTables {
		im.keys[kind] = map[string]int64{}
		rows, err := im.tx.QueryContext(ctx, `SELECT k.source_id, k.target_id FROM import_keys k
			JOIN `+table+` t ON t.id = k.target_id AND t.user_id = k.user_id
			WHERE k.user_id = $1 AND k.source = $2 AND k.kind = $3`, im.uid, im.source, kind)
		if err != nil {
			return fmt.Errorf("read import keys: %w", err)
		}
		for rows.Next() {
			var (
				sid string
				id  int64
			)
			if err := rows.Scan(&sid, &id); err != nil {
				rows.Close()
				return fmt.Errorf("read import keys: %w", err)
			}
			im.keys[kind][sid] = id
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("read import keys: %w", err)
		}
	}
	return nil
}

// matchGoals finds the user's goal each goal of the document goes into:
// the one an earlier import made, else the one of the same name, which
// must count the same way. Matched goals are locked, in id order.
func (im *importRun) matchGoals(ctx context.Context) error {
	type have struct {
		id         int64
		name, unit string
	}
	byName := map[string]have{}
	byID := map[int64]have{}
	rows, err := im.tx.QueryContext(ctx, `SELECT id, name, unit FROM goals WHERE user_id = $1`, im.uid)
	if err != nil {
		return fmt.Errorf("import: find goals: %w", err)
	}
	for rows.Next() {
		var h have
		if err := rows.Scan(&h.id, &h.name, &h.unit); err != nil {
			rows.Close()
			return fmt.Errorf("import: find goals: %w", err)
		}
		byName[nameKey(h.name)], byID[h.id] = h, h
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return fmt.Errorf("import: find goals: %w", err)
	}
	claimed := map[int64]*planGoal{}
	var locks []int64
	for _, p := range im.goals {
		h, ok := byID[im.keys[keyGoal][p.key]]
		if !ok || p.key == "" {
			if h, ok = byName[nameKey(p.g.Name)]; ok && !stride.CountsAlike(p.g.Unit, h.unit) {
				// No command or page: the CLI adds its command, the web app a link.
				return stride.Errorf(stride.ECONFLICT, "%s counts %s, but your goal %q counts %s: rename your goal or the goal in the file, then import again",
					p.label, countsIn(p.g.Unit), h.name, countsIn(h.unit))
			}
		}
		if !ok {
			continue
		}
		if o := claimed[h.id]; o != nil {
			return stride.Errorf(stride.ECONFLICT, "%s and %s would both go into your goal %q: rename one of them in the file, then import again",
				o.label, p.label, h.name)
		}
		claimed[h.id] = p
		p.id, p.reused, p.unit = h.id, true, h.unit
		im.sum.Existing++
		locks = append(locks, h.id)
		if p.doc.ID != 0 {
			im.goalIDs[p.doc.ID] = h.id
		}
		im.remember(keyGoal, p.key, h.id)
	}
	slices.Sort(locks)
	for _, id := range locks {
		var start int
		if err := im.tx.QueryRowContext(ctx, `UPDATE goals SET rev = rev + 1 WHERE id = $1 AND user_id = $2 RETURNING start_day`,
			id, im.uid).Scan(&start); err != nil {
			return fmt.Errorf("import: lock goal: %w", err)
		}
		claimed[id].start = stride.DateFromYMD(start)
	}
	return nil
}

func countsIn(unit string) string {
	if unit == "" {
		return "times (a check)"
	}
	return unit
}

// createGoals inserts the goals no match was found for, with their
// targets, then sets the parents of the new goals.
func (im *importRun) createGoals(ctx context.Context) error {
	now := im.s.now()
	for _, p := range im.goals {
		if p.reused {
			continue
		}
		g := &p.g
		created, updated := stampOr(g.CreatedAt, now), stampOr(g.UpdatedAt, now)
		var pausedUntil, finished *stride.Date
		if g.State == stride.GoalPaused {
			pausedUntil = g.PausedUntil
		}
		if g.State == stride.GoalDone {
			finished = g.FinishedOn
		}
		edits := g.EditsAfterMet
		if g.DoneWhenMet == nil || edits < 0 {
			edits = 0
		}
		err := im.tx.QueryRowContext(ctx, `INSERT INTO goals (user_id, name, name_key, why, unit, direction, done_when,
			done_when_amount, smallest_step, parent_id, start_day, state, paused_until, total, rev, created_at, updated_at,
			done_when_met, edits_after_met, finished_on, set_start_day)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11, $12, 0, 0, $13, $14, $15, $16, $17, $18) RETURNING id`,
			im.uid, g.Name, nameKey(g.Name), g.Why, g.Unit, string(g.Direction), g.DoneWhen, nullable(g.DoneWhenAmount),
			g.SmallestStep, ymd(g.Start), string(g.State), nullYMD(pausedUntil), created, updated,
			nullYMD(g.DoneWhenMet), edits, nullYMD(finished), ymd(g.SetStart)).Scan(&p.id)
		if im.s.isUnique(err) {
			return nameConflict(g.Name)
		} else if err != nil {
			return fmt.Errorf("import %s: %w", p.label, err)
		}
		for _, t := range g.Targets {
			if err := insertTarget(ctx, im.tx, im.uid, p.id, t); err != nil {
				return err
			}
		}
		p.unit, p.start = g.Unit, g.Start
		im.sum.Goals++
		if p.doc.ID != 0 {
			im.goalIDs[p.doc.ID] = p.id
		}
		im.remember(keyGoal, p.key, p.id)
	}
	bySource := map[string]*planGoal{}
	for _, p := range im.goals {
		if p.doc.SourceID != "" {
			bySource[p.doc.SourceID] = p
		}
	}
	for _, p := range im.goals {
		if p.reused {
			continue
		}
		var parent int64
		if p.g.ParentID != nil {
			parent = im.goalIDs[*p.g.ParentID]
		} else if q := bySource[p.doc.ParentSourceID]; q != nil {
			parent = q.id
		}
		if parent == 0 {
			continue
		}
		if _, err := im.tx.ExecContext(ctx, `UPDATE goals SET parent_id = $1 WHERE id = $2 AND user_id = $3`, parent, p.id, im.uid); err != nil {
			return fmt.Errorf("import %s: parent: %w", p.label, err)
		}
	}
	return nil
}

// stampOr returns t as the stores keep times, or now for a zero t.
func stampOr(t, now time.Time) time.Time {
	if t.IsZero() {
		return now
	}
	return t.UTC().Truncate(time.Microsecond)
}

// stepContent is what makes two steps of one goal the same step.
type stepContent struct {
	day    stride.Date
	amount float64
	note   string
}

// writeSteps inserts the steps that are new, in the document's order, and
// remembers their keys.
func (im *importRun) writeSteps(ctx context.Context) error {
	requests := map[string]int64{}
	rows, err := im.tx.QueryContext(ctx, `SELECT request_id, id FROM steps WHERE user_id = $1 AND request_id IS NOT NULL`, im.uid)
	if err != nil {
		return fmt.Errorf("import steps: %w", err)
	}
	for rows.Next() {
		var (
			rid string
			id  int64
		)
		if err := rows.Scan(&rid, &id); err != nil {
			rows.Close()
			return fmt.Errorf("import steps: %w", err)
		}
		requests[rid] = id
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return fmt.Errorf("import steps: %w", err)
	}
	now := im.s.now()
	var (
		fresh    []*stride.Step
		freshOf  []*planGoal
		freshKey []string
	)
	stepKeys := im.keys[keyStep]
	for _, p := range im.goals {
		p.stepIDs = make(map[int64]int64, len(p.steps))
		// The goal's steps by content, read once a step is not found by
		// its key: a repeated import finds them all by key. used are the
		// steps matched already, which no other step of the file may match.
		var have map[stepContent][]int64
		used := map[int64]bool{}
		for j := range p.steps {
			s := &p.steps[j]
			key := p.keys[j]
			id, ok := stepKeys[key]
			if !ok || key == "" {
				id, ok = requests[s.RequestID]
				ok = ok && s.RequestID != ""
			}
			if !ok && p.reused && have == nil {
				if have, err = goalSteps(ctx, im.tx, im.uid, p.id); err != nil {
					return err
				}
			}
			if !ok && have != nil {
				c := stepContent{s.Day, s.Amount, s.Note}
				ids := have[c]
				for len(ids) > 0 && used[ids[0]] {
					ids = ids[1:]
				}
				if len(ids) > 0 {
					id, ok = ids[0], true
					ids = ids[1:]
				}
				have[c] = ids
			}
			if ok {
				used[id] = true
				im.sum.Existing++
				if s.ID != 0 {
					p.stepIDs[s.ID] = id
				}
				im.remember(keyStep, key, id)
				continue
			}
			s.GoalID, s.UserID = p.id, im.uid
			s.CreatedAt = stampOr(s.CreatedAt, now)
			fresh = append(fresh, s)
			freshOf = append(freshOf, p)
			freshKey = append(freshKey, key)
		}
	}
	docIDs := make([]int64, len(fresh))
	for i, s := range fresh {
		docIDs[i] = s.ID
	}
	if err := im.insertSteps(ctx, fresh); err != nil {
		return err
	}
	for i, s := range fresh {
		p := freshOf[i]
		if docIDs[i] != 0 {
			p.stepIDs[docIDs[i]] = s.ID
		}
		im.remember(keyStep, freshKey[i], s.ID)
		im.sum.Steps++
		im.day(s.Day)
		if !p.changed || s.Day < p.first {
			p.first = s.Day
		}
		p.changed = true
	}
	return nil
}

// goalSteps returns the ids of a goal's steps by their content, oldest
// first.
func goalSteps(ctx context.Context, q querier, uid, goalID int64) (map[stepContent][]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, day, amount, note FROM steps WHERE goal_id = $1 AND user_id = $2 ORDER BY id`, goalID, uid)
	if err != nil {
		return nil, fmt.Errorf("import: read steps: %w", err)
	}
	defer rows.Close()
	have := map[stepContent][]int64{}
	for rows.Next() {
		var (
			id  int64
			day int
			c   stepContent
		)
		if err := rows.Scan(&id, &day, &c.amount, &c.note); err != nil {
			return nil, fmt.Errorf("import: read steps: %w", err)
		}
		c.day = stride.DateFromYMD(day)
		have[c] = append(have[c], id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("import: read steps: %w", err)
	}
	return have, nil
}

// insertSteps inserts steps, BulkRows to a statement as CreateSteps does,
// and sets their IDs. One row at a time (SQLite) the id is the insert's
// own. A multi-row INSERT (PostgreSQL) numbers its rows in the order of
// its VALUES, but RETURNING promises no order: the ids are sorted, and
// each row's goal, day and amount checked against the step it is given
// to. ON CONFLICT DO NOTHING spares SQLite a statement journal per insert
// (request ids are checked before); a row it leaves out fails the import.
func (im *importRun) insertSteps(ctx context.Context, steps []*stride.Step) error {
	const cols = 11
	rowsPer := min(max(im.s.opts.BulkRows, 1), maxBulkRows)
	insert := `INSERT INTO steps (user_id, goal_id, day, minute, amount, effort, energy, note, learned, request_id,
		created_at) VALUES `
	const conflict = ` ON CONFLICT (user_id, request_id) DO NOTHING`
	const returning = conflict + ` RETURNING id, goal_id, day, amount`
	lost := func() error {
		return fmt.Errorf("import steps: a step's request id was stored by another writer meanwhile: try again")
	}
	if rowsPer == 1 {
		st, err := im.tx.PrepareContext(ctx, insert+placeholders(1, cols, 1)+conflict)
		if err != nil {
			return fmt.Errorf("import steps: %w", err)
		}
		defer st.Close()
		for _, s := range steps {
			res, err := st.ExecContext(ctx, s.UserID, s.GoalID, ymd(s.Day), nullable(s.Time), s.Amount, nullable(s.Effort),
				nullable(s.Energy), s.Note, s.Learned, nullString(s.RequestID), s.CreatedAt)
			if err != nil {
				return fmt.Errorf("import steps: %w", err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return fmt.Errorf("import steps: %w", err)
			} else if n != 1 {
				return lost()
			}
			if s.ID, err = res.LastInsertId(); err != nil {
				return fmt.Errorf("import steps: %w", err)
			}
		}
		return nil
	}
	var full *sql.Stmt
	if len(steps) >= rowsPer {
		var err error
		if full, err = im.tx.PrepareContext(ctx, insert+placeholders(rowsPer, cols, 1)+returning); err != nil {
			return fmt.Errorf("import steps: %w", err)
		}
		defer full.Close()
	}
	type back struct {
		id, goal int64
		day      int
		amount   float64
	}
	args := make([]any, 0, rowsPer*cols)
	got := make([]back, 0, rowsPer)
	for i := 0; i < len(steps); i += rowsPer {
		batch := steps[i:min(i+rowsPer, len(steps))]
		args = args[:0]
		for _, s := range batch {
			args = append(args, s.UserID, s.GoalID, ymd(s.Day), nullable(s.Time), s.Amount, nullable(s.Effort),
				nullable(s.Energy), s.Note, s.Learned, nullString(s.RequestID), s.CreatedAt)
		}
		var (
			rows *sql.Rows
			err  error
		)
		if len(batch) == rowsPer {
			rows, err = full.QueryContext(ctx, args...)
		} else {
			rows, err = im.tx.QueryContext(ctx, insert+placeholders(len(batch), cols, 1)+returning, args...)
		}
		if err != nil {
			return fmt.Errorf("import steps: %w", err)
		}
		got = got[:0]
		for rows.Next() {
			var b back
			if err := rows.Scan(&b.id, &b.goal, &b.day, &b.amount); err != nil {
				rows.Close()
				return fmt.Errorf("import steps: %w", err)
			}
			got = append(got, b)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("import steps: %w", err)
		}
		if len(got) != len(batch) {
			return lost()
		}
		sort.Slice(got, func(a, b int) bool { return got[a].id < got[b].id })
		for k, s := range batch {
			b := got[k]
			if b.goal != s.GoalID || b.day != ymd(s.Day) || b.amount != s.Amount {
				return fmt.Errorf("import steps: the database numbered the rows of an insert out of order")
			}
			s.ID = b.id
		}
	}
	return nil
}

// writeDays inserts the skips and pauses that are new.
func (im *importRun) writeDays(ctx context.Context) error {
	for _, p := range im.goals {
		for _, d := range p.doc.Skips {
			res, err := im.tx.ExecContext(ctx, `INSERT INTO skips (goal_id, user_id, day) VALUES ($1, $2, $3)
				ON CONFLICT (goal_id, day) DO NOTHING`, p.id, im.uid, ymd(d))
			if err != nil {
				return fmt.Errorf("import %s: skips: %w", p.label, err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return fmt.Errorf("import %s: skips: %w", p.label, err)
			} else if n == 0 {
				im.sum.Existing++
				continue
			}
			im.sum.Skips++
			im.day(d)
			if !p.changed || d < p.first {
				p.first = d
			}
			p.changed = true
		}
		for _, ps := range p.doc.Pauses {
			res, err := im.tx.ExecContext(ctx, `INSERT INTO pauses (goal_id, user_id, from_day, until_day) VALUES ($1, $2, $3, $4)
				ON CONFLICT (goal_id, from_day) DO NOTHING`, p.id, im.uid, ymd(ps.From), nullYMD(ps.Until))
			if err != nil {
				return fmt.Errorf("import %s: pauses: %w", p.label, err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return fmt.Errorf("import %s: pauses: %w", p.label, err)
			} else if n == 0 {
				im.sum.Existing++
				continue
			}
			im.sum.Pauses++
			im.day(ps.From)
			// A pause can change every window: momentum is computed
			// afresh from the start.
			if !p.changed || ps.From < p.first {
				p.first = ps.From
			}
			p.changed, p.moved = true, true
		}
	}
	return nil
}

// finishGoals keeps what the stores keep of each goal written to: the
// total summed afresh, the start (the set start or the first step's day,
// with the first target from it), the milestones and done-when reached,
// and no checkpoint from the first day written on.
func (im *importRun) finishGoals(ctx context.Context) error {
	now := im.s.now()
	for _, p := range im.goals {
		if !p.reused {
			if err := im.goalMilestones(ctx, p); err != nil {
				return err
			}
		}
		if !p.reused || p.changed {
			moved, err := restoreStart(ctx, im.tx, im.uid, p.id, p.start)
			if err != nil {
				return fmt.Errorf("import %s: %w", p.label, err)
			}
			p.moved = p.moved || moved
		}
		if !p.changed {
			if !p.reused {
				if err := reachPassedMilestones(ctx, im.tx, im.uid, p.id); err != nil {
					return err
				}
			}
			continue
		}
		updated := now
		if !p.reused {
			updated = stampOr(p.g.UpdatedAt, now)
		}
		if _, err := im.tx.ExecContext(ctx, `UPDATE goals SET total = (SELECT COALESCE(SUM(amount), 0) FROM steps
			WHERE goal_id = $1 AND user_id = $2), updated_at = $3 WHERE id = $1 AND user_id = $2`,
			p.id, im.uid, updated); err != nil {
			return fmt.Errorf("import %s: %w", p.label, err)
		}
		if p.reused {
			if err := dropCheckpoints(ctx, im.tx, im.uid, p.id, p.first, p.moved); err != nil {
				return err
			}
		}
		if err := reachPassedMilestones(ctx, im.tx, im.uid, p.id); err != nil {
			return err
		}
		if err := reachDoneWhen(ctx, im.tx, im.uid, p.id); err != nil {
			return err
		}
	}
	return nil
}

// goalMilestones stores a new goal's milestones, those reached with the
// step that reached them.
func (im *importRun) goalMilestones(ctx context.Context, p *planGoal) error {
	for _, m := range milestoneSet(p.g.Milestones, p.g.Milestones) {
		var step *int64
		if m.StepID != nil {
			if id, ok := p.stepIDs[*m.StepID]; ok {
				step = &id
			}
		}
		if _, err := im.tx.ExecContext(ctx, `INSERT INTO milestones (goal_id, user_id, amount, reached_day, step_id)
			VALUES ($1, $2, $3, $4, $5)`, p.id, im.uid, m.Amount, nullYMD(m.Reached), nullable(step)); err != nil {
			return fmt.Errorf("import %s: milestones: %w", p.label, err)
		}
	}
	return nil
}

func (im *importRun) goalID(id *int64) *int64 {
	if id == nil {
		return nil
	}
	if v, ok := im.goalIDs[*id]; ok {
		return &v
	}
	return nil
}

type lessonContent struct {
	day                            stride.Date
	wanted, happened, options, nxt string
}

func (im *importRun) writeLessons(ctx context.Context) error {
	if len(im.doc.Lessons) == 0 {
		return nil
	}
	have := map[lessonContent]int64{}
	rows, err := im.tx.QueryContext(ctx, `SELECT id, day, wanted, happened, options, way_forward FROM lessons WHERE user_id = $1`, im.uid)
	if err != nil {
		return fmt.Errorf("import lessons: %w", err)
	}
	for rows.Next() {
		var (
			id  int64
			day int
			c   lessonContent
		)
		if err := rows.Scan(&id, &day, &c.wanted, &c.happened, &c.options, &c.nxt); err != nil {
			rows.Close()
			return fmt.Errorf("import lessons: %w", err)
		}
		c.day = stride.DateFromYMD(day)
		have[c] = id
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return fmt.Errorf("import lessons: %w", err)
	}
	now := im.s.now()
	for _, src := range im.doc.Lessons {
		l := *src
		l.Themes = slices.Clone(src.Themes)
		_ = l.Validate() // checked before: this trims as the service does
		key := ""
		if l.ID != 0 {
			key = stamp(l.ID, l.CreatedAt)
		}
		id, ok := im.keys[keyLesson][key]
		if !ok || key == "" {
			id, ok = have[lessonContent{l.Day, l.Wanted, l.Happened, l.Options, l.Next}]
		}
		if !ok {
			if err := im.tx.QueryRowContext(ctx, `INSERT INTO lessons (user_id, goal_id, day, wanted, happened, options, way_forward,
				created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
				im.uid, nullable(im.goalID(l.GoalID)), ymd(l.Day), l.Wanted, l.Happened, l.Options, l.Next,
				stampOr(l.CreatedAt, now), stampOr(l.UpdatedAt, now)).Scan(&id); err != nil {
				return fmt.Errorf("import lesson: %w", err)
			}
			if err := storeThemes(ctx, im.tx, im.uid, id, l.Themes); err != nil {
				return err
			}
			im.sum.Lessons++
			im.day(l.Day)
		} else {
			im.sum.Existing++
		}
		if l.ID != 0 {
			im.lessonIDs[l.ID] = id
		}
		im.remember(keyLesson, key, id)
	}
	return nil
}

type doubtContent struct {
	day  stride.Date
	text string
}

func (im *importRun) writeDoubts(ctx context.Context) error {
	if len(im.doc.Doubts) == 0 {
		return nil
	}
	have := map[doubtContent]int64{}
	rows, err := im.tx.QueryContext(ctx, `SELECT id, day, doubt FROM doubts WHERE user_id = $1`, im.uid)
	if err != nil {
		return fmt.Errorf("import doubts: %w", err)
	}
	for rows.Next() {
		var (
			id  int64
			day int
			c   doubtContent
		)
		if err := rows.Scan(&id, &day, &c.text); err != nil {
			rows.Close()
			return fmt.Errorf("import doubts: %w", err)
		}
		c.day = stride.DateFromYMD(day)
		have[c] = id
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return fmt.Errorf("import doubts: %w", err)
	}
	now := im.s.now()
	for _, src := range im.doc.Doubts {
		d := *src
		_ = d.Validate() // checked before: this trims as the service does
		key := ""
		if d.ID != 0 {
			key = stamp(d.ID, d.CreatedAt)
		}
		id, ok := im.keys[keyDoubt][key]
		if !ok || key == "" {
			id, ok = have[doubtContent{d.Day, d.Text}]
		}
		if ok {
			im.sum.Existing++
			im.remember(keyDoubt, key, id)
			continue
		}
		if err := im.tx.QueryRowContext(ctx, `INSERT INTO doubts (user_id, day, doubt, against, reframe, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, im.uid, ymd(d.Day), d.Text, d.Against, d.Reframe,
			stampOr(d.CreatedAt, now), stampOr(d.UpdatedAt, now)).Scan(&id); err != nil {
			return fmt.Errorf("import doubt: %w", err)
		}
		for _, r := range d.Revisits {
			if _, err := im.tx.ExecContext(ctx, `INSERT INTO doubt_revisits (doubt_id, user_id, day, holds, note) VALUES ($1, $2, $3, $4, $5)`,
				id, im.uid, ymd(r.Day), r.Holds, strings.TrimSpace(r.Note)); err != nil {
				return fmt.Errorf("import doubt revisit: %w", err)
			}
		}
		im.sum.Doubts++
		im.day(d.Day)
		im.remember(keyDoubt, key, id)
	}
	return nil
}

// writeFocus inserts the foci of days that have none: a day's focus
// already set is the user's and stays.
func (im *importRun) writeFocus(ctx context.Context) error {
	now := im.s.now()
	for _, src := range im.doc.Focus {
		f := *src
		_ = f.Validate()
		var doneAt *time.Time
		if f.DoneAt != nil {
			t := f.DoneAt.UTC().Truncate(time.Microsecond)
			doneAt = &t
		}
		var id int64
		err := im.tx.QueryRowContext(ctx, `INSERT INTO focus (user_id, day, task, done, done_at, carried_from, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id, day) DO NOTHING RETURNING id`,
			im.uid, ymd(f.Day), f.Text, f.Done, nullable(doneAt), nullYMD(f.CarriedFrom),
			stampOr(f.CreatedAt, now), stampOr(f.UpdatedAt, now)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			im.sum.Existing++
			if err := im.tx.QueryRowContext(ctx, `SELECT id FROM focus WHERE user_id = $1 AND day = $2`, im.uid, ymd(f.Day)).Scan(&id); err != nil {
				return fmt.Errorf("import focus: %w", err)
			}
		} else if err != nil {
			return fmt.Errorf("import focus: %w", err)
		} else {
			im.sum.Focus++
			im.day(f.Day)
		}
		if f.ID != 0 {
			im.focusIDs[f.ID] = id
		}
	}
	return nil
}

// writeWorks inserts the works whose name the user does not have yet,
// with their iterations; a work of the same name is the user's and stays
// as it is, iterations and all.
func (im *importRun) writeWorks(ctx context.Context) error {
	now := im.s.now()
	for _, src := range im.doc.Works {
		w := *src
		_ = w.Validate()
		key := ""
		if w.ID != 0 {
			key = stamp(w.ID, w.CreatedAt)
		}
		id, ok := im.keys[keyWork][key]
		if !ok || key == "" {
			err := im.tx.QueryRowContext(ctx, `SELECT id FROM works WHERE user_id = $1 AND name_key = $2`, im.uid, nameKey(w.Name)).Scan(&id)
			ok = err == nil
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("import work: %w", err)
			}
		}
		if ok {
			im.sum.Existing += 1 + len(w.Iterations)
		} else {
			err := im.tx.QueryRowContext(ctx, `INSERT INTO works (user_id, goal_id, name, name_key, done_when, done_when_met,
				nudge_after, version, shipped, unshipped, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
				im.uid, nullable(im.goalID(w.GoalID)), w.Name, nameKey(w.Name), w.DoneWhen, nullYMD(w.DoneWhenMet),
				w.NudgeAfter, w.Version, w.Shipped, w.Unshipped, stampOr(w.CreatedAt, now), stampOr(w.UpdatedAt, now)).Scan(&id)
			if im.s.isUnique(err) {
				return workConflict(w.Name)
			} else if err != nil {
				return fmt.Errorf("import work: %w", err)
			}
			for _, src := range w.Iterations {
				it := *src
				_ = it.Validate()
				if _, err := im.tx.ExecContext(ctx, `INSERT INTO work_iterations (work_id, user_id, version, day, kind, changed,
					feedback, effort, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
					id, im.uid, it.Version, ymd(it.Day), it.Kind, it.Changed, it.Feedback, nullable(it.Effort), it.Note,
					stampOr(it.CreatedAt, now)); err != nil {
					return fmt.Errorf("import work iteration: %w", err)
				}
				im.sum.Iterations++
				im.day(it.Day)
			}
			im.sum.Works++
		}
		if w.ID != 0 {
			im.workIDs[w.ID] = id
		}
		im.remember(keyWork, key, id)
	}
	return nil
}

// writeReviews inserts the reviews of weeks that have none. A review's
// summary is kept as it was saved, its ids turned into the user's.
func (im *importRun) writeReviews(ctx context.Context) error {
	now := im.s.now()
	for _, src := range im.doc.Reviews {
		r := *src
		_ = r.Validate()
		var summary any
		if r.Summary != nil {
			b, err := json.Marshal(im.remapSummary(r.Summary))
			if err != nil {
				return fmt.Errorf("import review: %w", err)
			}
			summary = string(b)
		}
		res, err := im.tx.ExecContext(ctx, `INSERT INTO reviews (user_id, week, went_well, learned, obstacles, next_focus, summary,
			created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (user_id, week) DO NOTHING`,
			im.uid, ymd(r.Week), r.WentWell, r.Learned, r.Obstacles, r.NextFocus, summary,
			stampOr(r.CreatedAt, now), stampOr(r.UpdatedAt, now))
		if err != nil {
			return fmt.Errorf("import review: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("import review: %w", err)
		} else if n == 0 {
			im.sum.Existing++
			continue
		}
		im.sum.Reviews++
		im.day(r.Week)
	}
	return nil
}

// remapSummary returns a copy of a saved week summary whose goal, work,
// lesson and focus ids are the user's; ids the document does not know
// stay as they are.
func (im *importRun) remapSummary(s *stride.WeekSummary) *stride.WeekSummary {
	c := *s
	mapID := func(m map[int64]int64, id int64) int64 {
		if v, ok := m[id]; ok {
			return v
		}
		return id
	}
	mapPtr := func(m map[int64]int64, id *int64) *int64 {
		if id == nil {
			return nil
		}
		v := mapID(m, *id)
		return &v
	}
	c.Goals = slices.Clone(s.Goals)
	for i := range c.Goals {
		c.Goals[i].GoalID = mapID(im.goalIDs, c.Goals[i].GoalID)
	}
	c.Works = slices.Clone(s.Works)
	for i := range c.Works {
		c.Works[i].WorkID = mapID(im.workIDs, c.Works[i].WorkID)
	}
	c.Wins = make([]*stride.Win, len(s.Wins))
	for i, w := range s.Wins {
		if w == nil {
			continue
		}
		x := *w
		x.GoalID, x.WorkID = mapPtr(im.goalIDs, w.GoalID), mapPtr(im.workIDs, w.WorkID)
		c.Wins[i] = &x
	}
	c.Lessons = make([]*stride.Lesson, len(s.Lessons))
	for i, l := range s.Lessons {
		if l == nil {
			continue
		}
		x := *l
		x.ID, x.GoalID = mapID(im.lessonIDs, l.ID), mapPtr(im.goalIDs, l.GoalID)
		c.Lessons[i] = &x
	}
	c.Focus = make([]*stride.Focus, len(s.Focus))
	for i, f := range s.Focus {
		if f == nil {
			continue
		}
		x := *f
		x.ID = mapID(im.focusIDs, f.ID)
		c.Focus[i] = &x
	}
	if s.Goals == nil {
		c.Goals = nil
	}
	if s.Works == nil {
		c.Works = nil
	}
	if s.Wins == nil {
		c.Wins = nil
	}
	if s.Lessons == nil {
		c.Lessons = nil
	}
	if s.Focus == nil {
		c.Focus = nil
	}
	return &c
}

// writeKeys remembers what this import made or matched, BulkRows keys to
// a statement. A key whose row was deleted is pointed at the new row.
func (im *importRun) writeKeys(ctx context.Context) error {
	const cols = 5
	rowsPer := min(max(im.s.opts.BulkRows, 1), maxBulkRows)
	insert := `INSERT INTO import_keys (user_id, source, kind, source_id, target_id) VALUES `
	const conflict = ` ON CONFLICT (user_id, source, kind, source_id) DO UPDATE SET target_id = excluded.target_id`
	var full *sql.Stmt
	if len(im.newKeys) >= rowsPer {
		var err error
		if full, err = im.tx.PrepareContext(ctx, insert+placeholders(rowsPer, cols, 1)+conflict); err != nil {
			return fmt.Errorf("import keys: %w", err)
		}
		defer full.Close()
	}
	args := make([]any, 0, rowsPer*cols)
	for i := 0; i < len(im.newKeys); i += rowsPer {
		batch := im.newKeys[i:min(i+rowsPer, len(im.newKeys))]
		args = args[:0]
		for _, k := range batch {
			args = append(args, im.uid, im.source, k[0], k[1], k[2])
		}
		var err error
		if len(batch) == rowsPer {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = im.tx.ExecContext(ctx, insert+placeholders(len(batch), cols, 1)+conflict, args...)
		}
		if err != nil {
			return fmt.Errorf("import keys: %w", err)
		}
	}
	return nil
}
