#include "strings.h"

#include <string.h>

static const char *const en[STR_COUNT_] = {
	[STR_BACK] = "Back",
	[STR_HOME] = "Home",
	[STR_TEXT_SIZE] = "Text size",
	[STR_PREVIOUS] = "Previous",
	[STR_NEXT] = "Next",
	[STR_TOUCH_TO_BEGIN] = "Touch the screen to begin",
	[STR_STILL_THERE] = "Are you still there?",
	[STR_RETURNING] = "The exhibition returns to its start in %d seconds.",
	[STR_CONTINUE] = "Continue",
	[STR_SOURCE] = "Source",
	[STR_SEARCH] = "Search",
	[STR_NO_RESULTS] = "No exhibit matches these words.",
	[STR_CLOSE] = "Close",
	[STR_LOADING] = "Loading image",
	[STR_IMAGE_BROKEN] = "This image cannot be shown.",
	[STR_EXHIBITS] = "%d exhibits",
	[STR_NO_CONTENT] = "No exhibition is installed. Ask staff to load a content pack.",
	[STR_READ_ONLY] = "For staff: the content folder is read-only, so new packs cannot be loaded.",
	[STR_POSITION] = "%d of %d",
	[STR_SECTION_END] = "You have seen every exhibit of this section.",
	[STR_NEXT_SECTION] = "Next section",
	[STR_BACK_TO_SECTION] = "Back to this section",
	[STR_ALL_SECTIONS] = "All sections",
	[STR_EXHIBITION_END] = "The end of the exhibition",
	[STR_EXHIBITION_END_TEXT] = "Thank you for visiting. You can start again, or search for a word.",
	[STR_START_AGAIN] = "Back to the start",
};

static const char *const ko[STR_COUNT_] = {
	[STR_BACK] = "뒤로",
	[STR_HOME] = "처음으로",
	[STR_TEXT_SIZE] = "글자 크기",
	[STR_PREVIOUS] = "이전",
	[STR_NEXT] = "다음",
	[STR_TOUCH_TO_BEGIN] = "화면을 눌러 관람을 시작하세요",
	[STR_STILL_THERE] = "계속 보고 계신가요?",
	[STR_RETURNING] = "%d초 뒤 처음 화면으로 돌아갑니다.",
	[STR_CONTINUE] = "계속 보기",
	[STR_SOURCE] = "출처",
	[STR_SEARCH] = "검색",
	[STR_NO_RESULTS] = "검색어와 맞는 전시물이 없습니다.",
	[STR_CLOSE] = "닫기",
	[STR_LOADING] = "그림을 불러오는 중",
	[STR_IMAGE_BROKEN] = "이 그림은 표시할 수 없습니다.",
	[STR_EXHIBITS] = "전시물 %d개",
	[STR_NO_CONTENT] = "설치된 전시가 없습니다. 담당자에게 콘텐츠 팩 설치를 요청하세요.",
	[STR_READ_ONLY] = "관리자 안내: 콘텐츠 폴더가 읽기 전용이라 새 팩을 설치할 수 없습니다.",
	[STR_POSITION] = "%d / %d",
	[STR_SECTION_END] = "이 주제의 전시물을 모두 보셨습니다.",
	[STR_NEXT_SECTION] = "다음 주제",
	[STR_BACK_TO_SECTION] = "이 주제로 돌아가기",
	[STR_ALL_SECTIONS] = "전체 주제 보기",
	[STR_EXHIBITION_END] = "전시의 마지막입니다",
	[STR_EXHIBITION_END_TEXT] = "관람해 주셔서 감사합니다. 처음부터 다시 보거나 낱말을 검색해 보세요.",
	[STR_START_AGAIN] = "처음으로 돌아가기",
};

const char *str_get(const char *lang, int id)
{
	if (id < 0 || id >= STR_COUNT_)
		return "";
	if (lang && !strcmp(lang, "ko"))
		return ko[id];
	return en[id];
}

const char *str_language_name(const char *lang)
{
	if (!strcmp(lang, "ko"))
		return "한국어";
	if (!strcmp(lang, "en"))
		return "English";
	if (!strcmp(lang, "ja"))
		return "日本語";
	if (!strcmp(lang, "zh"))
		return "中文";
	if (!strcmp(lang, "de"))
		return "Deutsch";
	if (!strcmp(lang, "fr"))
		return "Français";
	return lang;
}
