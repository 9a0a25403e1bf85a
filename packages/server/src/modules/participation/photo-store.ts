// SQL of report photos (migration 0035): the rows that point at the files service's folders.
import type { Sql } from '../../db/db.ts';

/** The report's hidden flag, locked for the transaction, if the author's code (hashed) matches. */
export async function lockReportOfAuthor(
  sql: Sql,
  tenantId: string,
  reportId: number,
  tokenHash: string,
): Promise<{ hidden: boolean } | undefined> {
  const [row] = await sql.query<{ hidden: boolean }>(
    `SELECT hidden FROM participation_report
      WHERE tenant_id = $1 AND id = $2 AND delete_token_hash = $3 FOR UPDATE`,
    [tenantId, reportId, tokenHash],
  );
  return row;
}

/** How many photos a report has. */
export async function countPhotos(sql: Sql, tenantId: string, reportId: number): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM participation_photo WHERE tenant_id = $1 AND report_id = $2`,
    [tenantId, reportId],
  );
  return row!.n;
}

/** Records a stored photo; returns its id. */
export async function insertPhoto(
  sql: Sql,
  tenantId: string,
  p: { reportId: number; fileId: string; width: number; height: number; bytes: number },
): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO participation_photo (tenant_id, report_id, file_id, width, height, bytes)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [tenantId, p.reportId, p.fileId, p.width, p.height, p.bytes],
  );
  return row!.id;
}

/** One photo with its report's hidden flag, or undefined. */
export async function selectPhoto(
  sql: Sql,
  tenantId: string,
  reportId: number,
  photoId: number,
): Promise<{ file_id: string; hidden: boolean } | undefined> {
  const [row] = await sql.query<{ file_id: string; hidden: boolean }>(
    `SELECT p.file_id, r.hidden FROM participation_photo p
       JOIN participation_report r ON r.tenant_id = p.tenant_id AND r.id = p.report_id
      WHERE p.tenant_id = $1 AND p.report_id = $2 AND p.id = $3`,
    [tenantId, reportId, photoId],
  );
  return row;
}

/** The file folders of a report's photos (to remove them with the report). */
export async function selectPhotoFiles(
  sql: Sql,
  tenantId: string,
  reportId: number,
): Promise<string[]> {
  const rows = await sql.query<{ file_id: string }>(
    `SELECT file_id FROM participation_photo WHERE tenant_id = $1 AND report_id = $2`,
    [tenantId, reportId],
  );
  return rows.map((r) => r.file_id);
}

/** One photo's file folder, the photo row locked for its removal, or undefined. */
export async function lockPhoto(
  sql: Sql,
  tenantId: string,
  reportId: number,
  photoId: number,
): Promise<{ file_id: string } | undefined> {
  const [row] = await sql.query<{ file_id: string }>(
    `SELECT file_id FROM participation_photo
      WHERE tenant_id = $1 AND report_id = $2 AND id = $3 FOR UPDATE`,
    [tenantId, reportId, photoId],
  );
  return row;
}

/** Deletes one photo row. */
export async function deletePhoto(
  sql: Sql,
  tenantId: string,
  reportId: number,
  photoId: number,
): Promise<void> {
  await sql.query(
    `DELETE FROM participation_photo WHERE tenant_id = $1 AND report_id = $2 AND id = $3`,
    [tenantId, reportId, photoId],
  );
}
