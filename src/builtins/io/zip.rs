//! Zip archives (stored and deflated members) and CRC-32.

use super::deflate::{deflate, inflate};

/// The CRC-32 of zip and gzip.
pub(super) fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (n, slot) in t.iter_mut().enumerate() {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            *slot = c;
        }
        t
    });
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

/// The current UTC time as MS-DOS (time, date) words.
fn dos_time() -> (u16, u16) {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let year = year.clamp(1980, 2107);
    let time = ((rem / 3600) << 11 | ((rem % 3600) / 60) << 5 | ((rem % 60) / 2)) as u16;
    let date = ((year - 1980) << 9 | month << 5 | day) as u16;
    (time, date)
}

/// A zip archive of `entries` (deflated when `compress`).
pub(super) fn zip_bytes(entries: &[(String, Vec<u8>)], compress: bool) -> Vec<u8> {
    let (time, date) = dos_time();
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let crc = crc32(data);
        let body = if compress { deflate(data) } else { data.clone() };
        let method: u16 = if compress { 8 } else { 0 };
        let offset = out.len() as u32;
        let mut common = Vec::new();
        common.extend_from_slice(&20u16.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes());
        common.extend_from_slice(&method.to_le_bytes());
        common.extend_from_slice(&time.to_le_bytes());
        common.extend_from_slice(&date.to_le_bytes());
        common.extend_from_slice(&crc.to_le_bytes());
        common.extend_from_slice(&(body.len() as u32).to_le_bytes());
        common.extend_from_slice(&(data.len() as u32).to_le_bytes());
        common.extend_from_slice(&(name.len() as u16).to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&body);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&common);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk number
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&(0o100644u32 << 16).to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A little-endian u16 at `at`.
pub(super) fn le16(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?])))
}
/// A little-endian u32 at `at`.
pub(super) fn le32(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u32::from_le_bytes([*b.get(at)?, *b.get(at + 1)?, *b.get(at + 2)?, *b.get(at + 3)?])))
}
/// A little-endian u64 at `at`.
pub(super) fn le64(b: &[u8], at: usize) -> Option<u64> {
    Some(le32(b, at)? | (le32(b, at + 4)? << 32))
}

/// The members of a zip archive, in order: (name, uncompressed bytes).
pub(super) fn read_zip(b: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let corrupt = || "File is not a zip file".to_string();
    if b.len() < 22 {
        return Err(corrupt());
    }
    let lowest = b.len().saturating_sub(22 + 65535);
    let eocd = (lowest..=b.len() - 22).rev().find(|&i| le32(b, i) == Some(0x0605_4b50)).ok_or_else(corrupt)?;
    let mut count = le16(b, eocd + 10).ok_or_else(corrupt)?;
    let mut cd = le32(b, eocd + 16).ok_or_else(corrupt)?;
    if (count == 0xFFFF || cd == 0xFFFF_FFFF) && eocd >= 20 && le32(b, eocd - 20) == Some(0x0706_4b50) {
        let z = usize::try_from(le64(b, eocd - 12).ok_or_else(corrupt)?).map_err(|_| corrupt())?;
        if z >= b.len() || le32(b, z) != Some(0x0606_4b50) {
            return Err(corrupt());
        }
        count = le64(b, z + 32).ok_or_else(corrupt)?;
        cd = le64(b, z + 48).ok_or_else(corrupt)?;
    }
    let mut at = usize::try_from(cd).map_err(|_| corrupt())?;
    let mut out = Vec::new();
    for _ in 0..count {
        if at >= b.len() || le32(b, at) != Some(0x0201_4b50) {
            return Err(corrupt());
        }
        let method = le16(b, at + 10).ok_or_else(corrupt)?;
        let crc = le32(b, at + 16).ok_or_else(corrupt)? as u32;
        let mut csize = le32(b, at + 20).ok_or_else(corrupt)?;
        let mut usize_ = le32(b, at + 24).ok_or_else(corrupt)?;
        let nlen = le16(b, at + 28).ok_or_else(corrupt)? as usize;
        let xlen = le16(b, at + 30).ok_or_else(corrupt)? as usize;
        let clen = le16(b, at + 32).ok_or_else(corrupt)? as usize;
        let mut local = le32(b, at + 42).ok_or_else(corrupt)?;
        let name_bytes = b.get(at + 46..at + 46 + nlen).ok_or_else(corrupt)?;
        let name = String::from_utf8_lossy(name_bytes).to_string();
        // Zip64 sizes and offset live in extra field 0x0001.
        let extra = b.get(at + 46 + nlen..at + 46 + nlen + xlen).ok_or_else(corrupt)?;
        let mut e = 0usize;
        while e + 4 <= extra.len() {
            let id = le16(extra, e).unwrap_or(0);
            let len = le16(extra, e + 2).unwrap_or(0) as usize;
            if id == 1 {
                let mut p = e + 4;
                for field in [&mut usize_, &mut csize, &mut local] {
                    if *field == 0xFFFF_FFFF {
                        *field = le64(extra, p).ok_or_else(corrupt)?;
                        p += 8;
                    }
                }
            }
            e += 4 + len;
        }
        at += 46 + nlen + xlen + clen;
        let local = usize::try_from(local).map_err(|_| corrupt())?;
        if local >= b.len() || le32(b, local) != Some(0x0403_4b50) {
            return Err(corrupt());
        }
        let start = local
            + 30
            + le16(b, local + 26).ok_or_else(corrupt)? as usize
            + le16(b, local + 28).ok_or_else(corrupt)? as usize;
        let end = start.checked_add(usize::try_from(csize).map_err(|_| corrupt())?).ok_or_else(corrupt)?;
        let body = b.get(start..end).ok_or_else(corrupt)?;
        let limit = usize::try_from(usize_).map_err(|_| corrupt())?;
        let data = match method {
            0 => body.to_vec(),
            8 => inflate(body, limit).ok_or_else(|| format!("Error -3 while decompressing data (member {name})"))?,
            m => return Err(format!("That compression method is not supported (method {m}, member {name})")),
        };
        if data.len() != limit || crc32(&data) != crc {
            return Err(format!("Bad CRC-32 for file {}", crate::value::quote_str(&name)));
        }
        out.push((name, data));
    }
    Ok(out)
}
