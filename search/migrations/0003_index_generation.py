from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0002_arabic_labels")]

    operations = [
        migrations.CreateModel(
            name="IndexGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("index", models.CharField(max_length=255, unique=True)),
                ("token", models.CharField(max_length=32)),
            ],
            options={"verbose_name": "index generation"},
        ),
    ]
