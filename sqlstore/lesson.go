package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"

	"github.com/strideapp/stride"
)

// LessonService implements stride.LessonService for the context's user.
type LessonService struct{ s *store }

var _ stride.LessonService = (*LessonService)(nil)

// Lessons are read with their goal's name; a lesson whose goal was deleted
// has none.
const lessonSelect = `SELECT l.id, l.user_id, l.goal_id, g.name, l.day, l.wanted, l.happened, l.options, l.way_forward,
	l.created_at, l.updated_at FROM lessons l LEFT JOIN goals g ON g.id = l.goal_id`

func lessonNotFound(id int64) error {
	return stride.Errorf(stride.ENOTFOUND, "no lesson with id %d", id)
}

func scanLesson(row rowScanner) (*stride.Lesson, error) {
	var (
		l    stride.Lesson
		goal sql.Null[int64]
		name sql.Null[string]
		day  int
	)
	if err := row.Scan(&l.ID, &l.UserID, &goal, &name, &day, &l.Wanted, &l.Happened, &l.Options, &l.Next,
		&l.CreatedAt, &l.UpdatedAt); err != nil {
		return nil, err
	}
	l.GoalID, l.Goal, l.Day, l.Themes = ptrOf(goal), name.V, stride.DateFromYMD(day), []string{}
	return &l, nil
}

// loadLessons returns the lessons of query (lessonSelect and its
// conditions, whose arguments are args) with their themes: two queries.
// ids is a query of the lessons' ids over the same arguments.
func loadLessons(ctx context.Context, q querier, query, ids string, args []any) ([]*stride.Lesson, error) {
	lessons, err := queryAll(ctx, q, "find lessons", scanLesson, query, args...)
	if err != nil || len(lessons) == 0 {
		return lessons, err
	}
	type theme struct {
		lesson int64
		name   string
	}
	themes, err := queryAll(ctx, q, "find lesson themes", func(row rowScanner) (t theme, err error) {
		return t, row.Scan(&t.lesson, &t.name)
	}, `SELECT lesson_id, theme FROM lesson_themes WHERE lesson_id IN (`+ids+`) ORDER BY lesson_id, position`, args...)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*stride.Lesson{}
	for _, l := range lessons {
		byID[l.ID] = l
	}
	for _, t := range themes {
		if l := byID[t.lesson]; l != nil {
			l.Themes = append(l.Themes, t.name)
		}
	}
	return lessons, nil
}

func lessonByID(ctx context.Context, q querier, uid, id int64) (*stride.Lesson, error) {
	ls, err := loadLessons(ctx, q, lessonSelect+` WHERE l.id = $1 AND l.user_id = $2`,
		`SELECT id FROM lessons WHERE id = $1 AND user_id = $2`, []any{id, uid})
	if err != nil {
		return nil, err
	}
	if len(ls) == 0 {
		return nil, lessonNotFound(id)
	}
	return ls[0], nil
}

// FindLessonByID returns the lesson with its themes, or ENOTFOUND (also
// for another user's lesson), EUNAUTHORIZED without a user, or an internal
// error.
func (ls *LessonService) FindLessonByID(ctx context.Context, id int64) (*stride.Lesson, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	return lessonByID(ctx, ls.s.reads, uid, id)
}

// FindLessons returns the user's lessons matching filter, newest day first
// (then newest first). A theme is matched as NormalizeThemes writes it. It
// returns ENOTFOUND when filter.GoalID is not one of the user's goals,
// EUNAUTHORIZED without a user, or an internal error.
func (ls *LessonService) FindLessons(ctx context.Context, filter stride.LessonFilter) ([]*stride.Lesson, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	w := &where{}
	w.add("l.user_id = ?", uid)
	if filter.GoalID != nil {
		if err := goalOfUser(ctx, ls.s.reads, uid, *filter.GoalID); err != nil {
			return nil, err
		}
		w.add("l.goal_id = ?", *filter.GoalID)
	}
	if filter.Theme != nil {
		themes, err := stride.NormalizeThemes([]string{*filter.Theme})
		if err != nil {
			return nil, err
		}
		if len(themes) == 0 {
			return nil, stride.Errorf(stride.EINVALID, "name a theme to find lessons by, such as \"time\"")
		}
		w.add("EXISTS (SELECT 1 FROM lesson_themes t WHERE t.lesson_id = l.id AND t.user_id = l.user_id AND t.theme = ?)", themes[0])
	}
	w.addDays("l.day", filter.Since, filter.Until)
	order := ` ORDER BY l.day DESC, l.id DESC`
	if filter.Limit > 0 {
		order += fmt.Sprintf(` LIMIT %d`, filter.Limit)
	}
	// The themes' query selects the same lessons: the limit is applied
	// inside it, which both databases allow in an IN subquery.
	ids := `SELECT l.id FROM lessons l WHERE ` + w.String()
	if filter.Limit > 0 {
		ids = `SELECT id FROM (` + ids + order + `) lim`
	}
	return loadLessons(ctx, ls.s.reads, lessonSelect+` WHERE `+w.String()+order, ids, w.args)
}

// CreateLesson validates l and stores it with its themes, and sets its ID,
// UserID, goal name and times. It returns EINVALID for a lesson without an
// answer or a day, or bad themes, ENOTFOUND for a goal that is not the
// user's, EUNAUTHORIZED without a user, or an internal error.
func (ls *LessonService) CreateLesson(ctx context.Context, l *stride.Lesson) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	if err := l.Validate(); err != nil {
		return err
	}
	if l.Day == 0 {
		return stride.Errorf(stride.EINVALID, "a lesson needs a day")
	}
	now := ls.s.now()
	var stored *stride.Lesson
	err = ls.s.inTx(ctx, func(tx *sql.Tx) error {
		if l.GoalID != nil {
			if err := goalOfUser(ctx, tx, uid, *l.GoalID); err != nil {
				return err
			}
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO lessons (user_id, goal_id, day, wanted, happened, options, way_forward,
			created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
			uid, nullable(l.GoalID), ymd(l.Day), l.Wanted, l.Happened, l.Options, l.Next, now).Scan(&id); err != nil {
			return fmt.Errorf("create lesson: %w", err)
		}
		if err := storeThemes(ctx, tx, uid, id, l.Themes); err != nil {
			return err
		}
		stored, err = lessonByID(ctx, tx, uid, id)
		return err
	})
	if err != nil {
		return err
	}
	*l = *stored
	return nil
}

// storeThemes replaces lesson id's themes with themes, in their order.
func storeThemes(ctx context.Context, tx *sql.Tx, uid, id int64, themes []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM lesson_themes WHERE lesson_id = $1 AND user_id = $2`, id, uid); err != nil {
		return fmt.Errorf("store lesson themes: %w", err)
	}
	for i, t := range themes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO lesson_themes (lesson_id, user_id, theme, position) VALUES ($1, $2, $3, $4)`,
			id, uid, t, i); err != nil {
			return fmt.Errorf("store lesson themes: %w", err)
		}
	}
	return nil
}

// UpdateLesson changes the fields of upd that are set and returns the
// lesson; themes set replace the lesson's themes. It returns EINVALID for
// a bad result, ENOTFOUND for an unknown lesson or a goal that is not the
// user's, EUNAUTHORIZED without a user, or an internal error.
func (ls *LessonService) UpdateLesson(ctx context.Context, id int64, upd stride.LessonUpdate) (*stride.Lesson, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	var out *stride.Lesson
	err = ls.s.inTx(ctx, func(tx *sql.Tx) error {
		l, err := lessonByID(ctx, tx, uid, id)
		if err != nil {
			return err
		}
		if upd.GoalID != nil {
			if g := *upd.GoalID; g != nil {
				if err := goalOfUser(ctx, tx, uid, *g); err != nil {
					return err
				}
			}
			l.GoalID = *upd.GoalID
		}
		if upd.Day != nil {
			if *upd.Day == 0 {
				return stride.Errorf(stride.EINVALID, "a lesson needs a day")
			}
			l.Day = *upd.Day
		}
		for _, f := range []struct{ from, to *string }{
			{upd.Wanted, &l.Wanted}, {upd.Happened, &l.Happened}, {upd.Options, &l.Options}, {upd.Next, &l.Next},
		} {
			if f.from != nil {
				*f.to = *f.from
			}
		}
		if upd.Themes != nil {
			l.Themes = *upd.Themes
		}
		if err := l.Validate(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE lessons SET goal_id = $1, day = $2, wanted = $3, happened = $4, options = $5,
			way_forward = $6, updated_at = $7 WHERE id = $8 AND user_id = $9`,
			nullable(l.GoalID), ymd(l.Day), l.Wanted, l.Happened, l.Options, l.Next, ls.s.now(), id, uid); err != nil {
			return fmt.Errorf("update lesson: %w", err)
		}
		if upd.Themes != nil {
			if err := storeThemes(ctx, tx, uid, id, l.Themes); err != nil {
				return err
			}
		}
		out, err = lessonByID(ctx, tx, uid, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteLesson removes a lesson with its themes. It returns ENOTFOUND,
// EUNAUTHORIZED without a user, or an internal error.
func (ls *LessonService) DeleteLesson(ctx context.Context, id int64) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	return ls.s.inTx(ctx, func(tx *sql.Tx) error {
		// Explicit rather than left to ON DELETE CASCADE, as DeleteGoal.
		if _, err := tx.ExecContext(ctx, `DELETE FROM lesson_themes WHERE lesson_id = $1 AND user_id = $2`, id, uid); err != nil {
			return fmt.Errorf("delete lesson: %w", err)
		}
		return deleteOne(ctx, tx, `DELETE FROM lessons WHERE id = $1 AND user_id = $2`, "delete lesson", lessonNotFound(id), id, uid)
	})
}

// LessonThemes returns every theme of the user's lessons with how many
// lessons carry it, the goals they touch (by name) and its first and last
// day, most frequent first, then the latest first, then by name. It
// returns EUNAUTHORIZED without a user, or an internal error.
func (ls *LessonService) LessonThemes(ctx context.Context) ([]*stride.Theme, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := ls.s.reads.QueryContext(ctx, `SELECT t.theme, l.day, g.name FROM lesson_themes t
		JOIN lessons l ON l.id = t.lesson_id LEFT JOIN goals g ON g.id = l.goal_id
		WHERE t.user_id = $1 AND l.user_id = $1`, uid)
	if err != nil {
		return nil, fmt.Errorf("find lesson themes: %w", err)
	}
	defer rows.Close()
	byName := map[string]*stride.Theme{}
	themes := []*stride.Theme{}
	for rows.Next() {
		var (
			name string
			day  int
			goal sql.Null[string]
		)
		if err := rows.Scan(&name, &day, &goal); err != nil {
			return nil, fmt.Errorf("find lesson themes: %w", err)
		}
		d := stride.DateFromYMD(day)
		th := byName[name]
		if th == nil {
			th = &stride.Theme{Name: name, Goals: []string{}, First: d, Last: d}
			byName[name] = th
			themes = append(themes, th)
		}
		th.Count++
		th.First, th.Last = min(th.First, d), max(th.Last, d)
		if goal.Valid && !slices.Contains(th.Goals, goal.V) {
			th.Goals = append(th.Goals, goal.V)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find lesson themes: %w", err)
	}
	// Sorted in Go: the databases' collations disagree on order.
	for _, th := range themes {
		sort.Slice(th.Goals, func(i, j int) bool { return nameKey(th.Goals[i]) < nameKey(th.Goals[j]) })
	}
	sort.Slice(themes, func(i, j int) bool {
		a, b := themes[i], themes[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Last != b.Last {
			return a.Last > b.Last
		}
		return a.Name < b.Name
	})
	return themes, nil
}
