package cn.chuangwen.files;

import java.io.InputStream;

/** An uploaded file as a module's service takes it: its name as sent and its content. */
public record Upload(String name, InputStream content) {
}
