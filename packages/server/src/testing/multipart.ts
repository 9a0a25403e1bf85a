// A multipart/form-data body for app.inject, as a browser sends an upload (field "file").

/** The payload and content-type header of a multipart upload of these files. */
export function multipart(files: { name: string; content: Buffer }[]): {
  payload: Buffer;
  headers: { 'content-type': string };
} {
  const boundary = '----sozialraum' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    parts.push(f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
