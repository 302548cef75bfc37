package cn.chuangwen.publicity;

import java.io.InputStream;

/** An uploaded file (evidence of a report, a news photo): its name as sent and its content. */
public record Upload(String name, InputStream content) {
}
