// The photos of a report (issue 13 § 1): served by the server as re-encoded JPEG without metadata.
// Width and height come with the report, so the page does not jump while they load; each photo
// links to its full size. A hidden report lists no photos publicly (the server leaves them out).
// For moderators (onRemove) each photo has a button to remove it on its own.
import { photoUrl, type ReportPhoto } from '../../api/participation.ts';
import { useI18n } from '../../i18n/index.tsx';

export function ReportPhotos({
  reportId,
  photos,
  size = 'small',
  onRemove,
}: {
  reportId: number;
  photos: readonly ReportPhoto[];
  size?: 'small' | 'large';
  onRemove?: ((photoId: number, n: number) => void) | undefined;
}) {
  const { t } = useI18n();
  if (photos.length === 0) return null;
  return (
    <ul className={`part-photos part-photos-${size}`}>
      {photos.map((p, i) => (
        <li key={p.id}>
          <a href={photoUrl(reportId, p.id)} target="_blank" rel="noopener">
            <img
              src={photoUrl(reportId, p.id)}
              width={p.width}
              height={p.height}
              loading="lazy"
              alt={t.partPhotoAlt(i + 1, reportId)}
            />
          </a>
          {onRemove && (
            <button
              type="button"
              className="btn btn-small part-photo-remove"
              onClick={() => onRemove(p.id, i + 1)}
            >
              {t.partPhotoRemove(i + 1)}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
