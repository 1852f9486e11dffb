package sqlstore

// This file holds the reads and the delete the stores of the reflection
// records (lessons, doubts, focus, works, reviews) share.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/strideapp/stride"
)

// rowScanner is a row to scan: *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(...any) error }

// queryAll runs query and returns its rows as scan reads them, an empty
// slice for none. what names the read in errors ("find foci"). The rows
// are closed when it returns, so a transaction may query again.
func queryAll[T any](ctx context.Context, q querier, what string, scan func(rowScanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// queryOne runs query for one row and returns it as scan reads it, or
// notFound when there is none. what names the read in errors.
func queryOne[T any](ctx context.Context, q querier, what string, scan func(rowScanner) (T, error), notFound error, query string, args ...any) (T, error) {
	x, err := scan(q.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		var none T
		return none, notFound
	} else if err != nil {
		var none T
		return none, fmt.Errorf("%s: %w", what, err)
	}
	return x, nil
}

// addDays adds the conditions of an optional first and last day on the
// column col.
func (w *where) addDays(col string, since, until *stride.Date) {
	if since != nil {
		w.add(col+" >= ?", ymd(*since))
	}
	if until != nil {
		w.add(col+" <= ?", ymd(*until))
	}
}

// deleteOne runs a delete of one row and returns notFound when it deleted none.
func deleteOne(ctx context.Context, q querier, query, what string, notFound error, args ...any) error {
	res, err := q.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	} else if n == 0 {
		return notFound
	}
	return nil
}

// scanInt64 reads a row of one integer column, for queryAll.
func scanInt64(r rowScanner) (int64, error) {
	var v int64
	err := r.Scan(&v)
	return v, err
}
